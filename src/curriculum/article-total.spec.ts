import { totalArticlesFromNote } from './article-total';

describe('totalArticlesFromNote', () => {
  it('reads the total the catalogue note states, in Chinese or Arabic numerals', () => {
    expect(totalArticlesFromNote('自2021年1月1日起施行；共十章八十五条。版本历史…')).toBe(85);
    expect(totalArticlesFromNote('共七章七十一条。')).toBe(71);
    expect(totalArticlesFromNote('2024年修订，共11章65条')).toBe(65);
    expect(totalArticlesFromNote('共三十条')).toBe(30);
  });

  it('knows nothing when the note does not say', () => {
    expect(totalArticlesFromNote(null)).toBeNull();
    expect(totalArticlesFromNote('中共中央、国务院联合制定发布的条例')).toBeNull();
    expect(totalArticlesFromNote('共同科目 B：信访工作条例')).toBeNull();
  });
});
