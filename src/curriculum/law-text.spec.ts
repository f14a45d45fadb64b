import fc from 'fast-check';
import { toChineseNumber } from '../common/chinese-numerals';
import { articlePath, LawArticle, splitLawText, SplitLawTextResult } from './law-text';

/** Unwraps a successful result, failing the test with the messages otherwise. */
function ok(result: SplitLawTextResult) {
  if (!result.ok) throw new Error('expected ok, got:\n' + result.errors.map((e) => e.message).join('\n'));
  return result;
}

function errors(result: SplitLawTextResult) {
  if (result.ok) throw new Error('expected errors, got ok');
  return result.errors;
}

function byNumber(articles: LawArticle[], n: number): LawArticle {
  const a = articles.find((x) => x.number === n);
  if (!a) throw new Error(`no article ${n}`);
  return a;
}

/** A short law, shaped like the official text of a 退役军人-related law: title, note, 目录, chapters, sections. */
const SHORT_LAW = [
  '\uFEFF中华人民共和国退役军人保障法（示例）',
  '（2020年11月11日第十三届全国人民代表大会常务委员会第二十三次会议通过）',
  '',
  '目　　录',
  '',
  '第一章　总　　则',
  '第二章　移交接收',
  '　　第一节　移　　交',
  '　　第二节　接　　收',
  '第三章　附　　则',
  '',
  '第一章　总　　则',
  '',
  '第一条　为了加强退役军人保障工作，维护退役军人合法权益，让军人成为全社会尊崇的职业，根据宪法，制定本法。',
  '第二条　本法所称退役军人，是指从中国人民解放军依法退出现役的军官、军士和义务兵等人员。',
  '第三条　退役军人为国防和军队建设做出了重要贡献，是社会主义现代化建设的重要力量。',
  '　　尊重、关爱退役军人是全社会的共同责任。国家关心、优待退役军人，加强退役军人保障体系建设。',
  '第4条 退役军人保障工作坚持中国共产党的领导，遵循以人为本、分类保障、服务优先、依法管理的原则。',
  '',
  '第二章　移交接收',
  '第一节　移　　交',
  '第五条　退役军人的移交接收，应当遵守下列规定：',
  '（一）移交的退役军人档案应当齐全；',
  '（二）接收安置地应当及时办理落户手续；',
  '（三）法律、行政法规规定的其他事项。',
  '违反前款规定的，由有关部门责令改正。',
  '依照本法第二十二条第二款规定办理的，适用前款规定。',
  '第二节　接　　收',
  '第6条　安置地人民政府退役军人工作主管部门应当在规定时间内完成接收工作。',
  '第七条',
  '退役军人应当按照要求，持相关证件到安置地人民政府退役军人工作主管部门报到。',
  '第八条规定的期限，以移交通知书载明的日期为准。',
  '第八条　退役军人报到期限，按照下列规定执行：',
  '（一）军官、军士为三十日；',
  '（二）义务兵为十五日。',
  '第三章　附　　则',
  '第九条　本法自2021年1月1日起施行。',
].join('\r\n');

describe('splitLawText', () => {
  describe('a short law with title, 目录, chapters and sections', () => {
    const sut = ok(splitLawText(SHORT_LAW));

    it('reads the title (the note in parentheses is not part of it)', () => {
      expect(sut.title).toBe('中华人民共和国退役军人保障法（示例）');
    });

    it('finds every article once, in order, Chinese or Arabic numbered', () => {
      expect(sut.articles.map((a) => a.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(sut.articles.map((a) => a.label)).toEqual([
        '第一条',
        '第二条',
        '第三条',
        '第四条',
        '第五条',
        '第六条',
        '第七条',
        '第八条',
        '第九条',
      ]);
    });

    it('skips the table of contents: headings are the real ones, with their lines', () => {
      expect(sut.headings.map((h) => [h.level, h.text, h.line])).toEqual([
        ['chapter', '第一章 总则', 12],
        ['chapter', '第二章 移交接收', 20],
        ['section', '第一节 移交', 21],
        ['section', '第二节 接收', 28],
        ['chapter', '第三章 附则', 36],
      ]);
    });

    it('splits paragraphs (款) and keeps items (项) as lines of their paragraph', () => {
      expect(byNumber(sut.articles, 3).paragraphs).toEqual([
        '退役军人为国防和军队建设做出了重要贡献，是社会主义现代化建设的重要力量。',
        '尊重、关爱退役军人是全社会的共同责任。国家关心、优待退役军人，加强退役军人保障体系建设。',
      ]);
      const fifth = byNumber(sut.articles, 5);
      expect(fifth.paragraphs).toEqual([
        '退役军人的移交接收，应当遵守下列规定：\n（一）移交的退役军人档案应当齐全；\n（二）接收安置地应当及时办理落户手续；\n（三）法律、行政法规规定的其他事项。',
        '违反前款规定的，由有关部门责令改正。',
        '依照本法第二十二条第二款规定办理的，适用前款规定。',
      ]);
      expect(fifth.text).toBe(fifth.paragraphs.join('\n'));
    });

    it('strips full-width spaces after the number and around paragraphs', () => {
      expect(byNumber(sut.articles, 1).text).toBe(
        '为了加强退役军人保障工作，维护退役军人合法权益，让军人成为全社会尊崇的职业，根据宪法，制定本法。',
      );
      expect(byNumber(sut.articles, 6).text).toBe(
        '安置地人民政府退役军人工作主管部门应当在规定时间内完成接收工作。',
      );
    });

    it('takes the text of an article whose number stands alone from the following lines', () => {
      expect(byNumber(sut.articles, 7).paragraphs).toEqual([
        '退役军人应当按照要求，持相关证件到安置地人民政府退役军人工作主管部门报到。',
        '第八条规定的期限，以移交通知书载明的日期为准。',
      ]);
    });

    it('places each article under its chapter and section', () => {
      const a1 = byNumber(sut.articles, 1);
      expect(a1.chapter).toBe('第一章 总则');
      expect(a1.section).toBeUndefined();
      expect(a1.part).toBeUndefined();
      expect(byNumber(sut.articles, 5)).toMatchObject({ chapter: '第二章 移交接收', section: '第一节 移交' });
      expect(byNumber(sut.articles, 8)).toMatchObject({ chapter: '第二章 移交接收', section: '第二节 接收' });
      const last = byNumber(sut.articles, 9);
      expect(last.chapter).toBe('第三章 附则');
      expect(last.section).toBeUndefined();
    });

    it('gives display paths', () => {
      expect(articlePath(byNumber(sut.articles, 2))).toBe('第一章 总则 › 第二条');
      expect(articlePath(byNumber(sut.articles, 6))).toBe('第二章 移交接收 › 第二节 接收 › 第六条');
    });
  });

  describe('a 民法典-shaped text with 编, 分编, 章, 节 and a bare 附则', () => {
    const CODE = [
      '中华人民共和国民法典',
      '（2020年5月28日第十三届全国人民代表大会第三次会议通过）',
      '目　　录',
      '第一编　总　　则',
      '第一章　基本规定',
      '第二章　自　然　人',
      '第一节　民事权利能力和民事行为能力',
      '第二编　物　　权',
      '第一分编　通　　则',
      '第一章　一般规定',
      '第二分编　所　有　权',
      '第一章　一般规定',
      '附　　则',
      '第一编　总　　则',
      '第一章　基本规定',
      '第一条　为了保护民事主体的合法权益，调整民事关系，维护社会和经济秩序，根据宪法，制定本法。',
      '第二条　民法调整平等主体的自然人、法人和非法人组织之间的人身关系和财产关系。',
      '第二章　自　然　人',
      '第一节　民事权利能力和民事行为能力',
      '第三条　自然人从出生时起到死亡时止，具有民事权利能力，依法享有民事权利，承担民事义务。',
      '第二编　物　　权',
      '第一分编　通　　则',
      '第一章　一般规定',
      '第四条　本编调整因物的归属和利用产生的民事关系。',
      '第二分编　所　有　权',
      '第一章　一般规定',
      '第五条　所有权人对自己的不动产或者动产，依法享有占有、使用、收益和处分的权利。',
      '附　　则',
      '第六条　本法所称的"以上"、"以下"、"以内"、"届满"，包括本数；所称的"不满"、"超过"、"以外"，不包括本数。',
      '第七条　本法自2021年1月1日起施行。',
    ].join('\n');
    const sut = ok(splitLawText(CODE));

    it('finds the articles under their 编 / 分编 / 章 / 节', () => {
      expect(sut.title).toBe('中华人民共和国民法典');
      expect(sut.articles.map((a) => a.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(byNumber(sut.articles, 3)).toMatchObject({
        part: '第一编 总则',
        chapter: '第二章 自然人',
        section: '第一节 民事权利能力和民事行为能力',
      });
      expect(byNumber(sut.articles, 3).subpart).toBeUndefined();
      expect(byNumber(sut.articles, 5)).toMatchObject({
        part: '第二编 物权',
        subpart: '第二分编 所有权',
        chapter: '第一章 一般规定',
      });
      expect(byNumber(sut.articles, 5).section).toBeUndefined();
    });

    it('treats the bare 附则 as a top-level heading that closes the last 编', () => {
      const last = byNumber(sut.articles, 7);
      expect(last.part).toBe('附则');
      expect(last.subpart).toBeUndefined();
      expect(last.chapter).toBeUndefined();
      expect(articlePath(last)).toBe('附则 › 第七条');
      expect(articlePath(byNumber(sut.articles, 4))).toBe(
        '第二编 物权 › 第一分编 通则 › 第一章 一般规定 › 第四条',
      );
    });

    it('lists the body headings only (not the table of contents)', () => {
      expect(sut.headings.map((h) => `${h.level}:${h.text}`)).toEqual([
        'part:第一编 总则',
        'chapter:第一章 基本规定',
        'chapter:第二章 自然人',
        'section:第一节 民事权利能力和民事行为能力',
        'part:第二编 物权',
        'subpart:第一分编 通则',
        'chapter:第一章 一般规定',
        'subpart:第二分编 所有权',
        'chapter:第一章 一般规定',
        'part:附则',
      ]);
      expect(sut.headings[0].line).toBe(14);
    });
  });

  describe('an excerpt', () => {
    const EXCERPT = [
      '民法典（节选）',
      '第一编　总　　则',
      '第一章　基本规定',
      '第一条　为了保护民事主体的合法权益，调整民事关系，维护社会和经济秩序，根据宪法，制定本法。',
      '第二章　自　然　人',
      '第13条　自然人从出生时起到死亡时止，具有民事权利能力，依法享有民事权利，承担民事义务。',
      '第二编　物　　权',
      '第二百零五条　本编调整因物的归属和利用产生的民事关系。',
      '附　　则',
      '第一千二百六十条　本法自2021年1月1日起施行。',
    ].join('\n');

    it('accepts gaps in the numbering', () => {
      const sut = ok(splitLawText(EXCERPT, { excerpt: true }));
      expect(sut.articles.map((a) => [a.number, a.label])).toEqual([
        [1, '第一条'],
        [13, '第十三条'],
        [205, '第二百零五条'],
        [1260, '第一千二百六十条'],
      ]);
      expect(articlePath(byNumber(sut.articles, 1260))).toBe('附则 › 第一千二百六十条');
    });

    it('is refused as a full text, at the first gap', () => {
      expect(errors(splitLawText(EXCERPT))).toEqual([
        { line: 6, message: '第6行：条文编号不连续：应为第二条，实为第十三条' },
        { line: 8, message: '第8行：条文编号不连续：应为第十四条，实为第二百零五条' },
        { line: 10, message: '第10行：条文编号不连续：应为第二百零六条，实为第一千二百六十条' },
      ]);
    });

    it('must still increase', () => {
      const text = '第十条　甲。\n第十二条　乙。\n第十一条　丙。\n第二十条　丁。';
      expect(errors(splitLawText(text, { excerpt: true }))).toEqual([
        { line: 3, message: '第3行：条文编号倒退：第十二条之后出现第十一条' },
      ]);
    });
  });

  describe('texts as extracted from .docx or pasted from web pages', () => {
    it('handles a table of contents with page numbers and no 目录 line, CR line ends and non-breaking spaces', () => {
      const text = [
        '某某条例',
        '第一章 总则 .......... 1',
        '第二章 管理\t3',
        '第一章\u00a0总则',
        '第一条\u00a0为了规范管理，制定本条例。',
        '第二章 管理',
        '第二条 本条例由某部门负责实施。',
      ].join('\r');
      const sut = ok(splitLawText(text));
      expect(sut.headings.map((h) => h.text)).toEqual(['第一章 总则', '第二章 管理']);
      expect(sut.articles.map((a) => [a.number, a.chapter, a.text])).toEqual([
        [1, '第一章 总则', '为了规范管理，制定本条例。'],
        [2, '第二章 管理', '本条例由某部门负责实施。'],
      ]);
    });

    it('accepts a flat law without title or headings, numbers glued to the text', () => {
      const sut = ok(splitLawText('第一条为了规范管理，制定本办法。\n\n\n第二条本办法自发布之日起施行。\n'));
      expect(sut.title).toBeUndefined();
      expect(sut.headings).toEqual([]);
      expect(sut.articles).toEqual([
        {
          number: 1,
          label: '第一条',
          paragraphs: ['为了规范管理，制定本办法。'],
          text: '为了规范管理，制定本办法。',
        },
        {
          number: 2,
          label: '第二条',
          paragraphs: ['本办法自发布之日起施行。'],
          text: '本办法自发布之日起施行。',
        },
      ]);
    });

    it('does not take a sentence starting with 第N章 or a cross-reference 第N条第M款 for a heading or an article', () => {
      const text = [
        '第一条　有关单位应当遵守本法。',
        '第三章规定的事项，由县级以上人民政府负责，具体办法另行制定，并向社会公布。',
        '第一条第二款所称单位，包括事业单位。',
        '第二条规定的期限，自公布之日起计算。',
        '第二条　本法自公布之日起施行。',
      ].join('\n');
      const sut = ok(splitLawText(text));
      expect(sut.articles.map((a) => a.paragraphs.length)).toEqual([4, 1]);
    });

    it('splits a glued article whose text happens to start like a reference word', () => {
      const sut = ok(splitLawText('第一条中华人民共和国是社会主义国家。\n第二条所有权人依法享有权利。'));
      expect(sut.articles.map((a) => a.text)).toEqual([
        '中华人民共和国是社会主义国家。',
        '所有权人依法享有权利。',
      ]);
    });

    it('keeps Arabic sub-items (目) in their paragraph', () => {
      const sut = ok(
        splitLawText('第一条　下列人员：\n（一）甲类：\n1．现役；\n2．退役。\n（二）乙类。\n其他人员除外。'),
      );
      expect(sut.articles[0].paragraphs).toEqual([
        '下列人员：\n（一）甲类：\n1．现役；\n2．退役。\n（二）乙类。',
        '其他人员除外。',
      ]);
    });

    it('allows up to three title lines and any number of notes', () => {
      const text = [
        '退役军人工作主管部门',
        '某某办法',
        '（2019年1月1日发布',
        '2021年5月1日修订）',
        '(试行)',
        '第一条　为了规范工作，制定本办法。',
      ].join('\n');
      expect(ok(splitLawText(text)).title).toBe('退役军人工作主管部门');
    });
  });

  describe('malformed texts', () => {
    it('refuses a text without articles', () => {
      expect(errors(splitLawText(''))).toEqual([
        { line: 1, message: '第1行：未找到任何条文（每条应另起一行，以"第一条"或"第1条"开头）' },
      ]);
      expect(errors(splitLawText('某某办法\n第一章 总则\n为了规范工作，制定本办法。'))[0].line).toBe(1);
    });

    it('refuses a gap in a full text, with the line of the article', () => {
      const lines = [
        '某某办法',
        ...Array.from({ length: 12 }, (_, i) => `第${toChineseNumber(i + 1)}条\u3000内容${i + 1}。`),
      ];
      lines.push('', '第十五条　内容十五。', '第十六条　内容十六。');
      expect(errors(splitLawText(lines.join('\n')))).toEqual([
        { line: 15, message: '第15行：条文编号不连续：应为第十三条，实为第十五条' },
      ]);
    });

    it('refuses a full text that does not start at 第一条, suggesting an excerpt', () => {
      expect(errors(splitLawText('第三条　甲。\n第四条　乙。'))).toEqual([
        {
          line: 1,
          message: '第1行：条文编号不连续：应为第一条，实为第三条（如只收录部分条文，请按节选导入）',
        },
      ]);
    });

    it('refuses a duplicate article, naming the first occurrence', () => {
      const text = '第一条　甲。\n第二条　乙。\n款二。\n第二条　乙。\n款二。\n第三条　丙。';
      expect(errors(splitLawText(text))).toEqual([
        { line: 4, message: '第4行：重复的条文：第二条已在第2行出现' },
      ]);
      expect(errors(splitLawText(text, { excerpt: true }))).toEqual([
        { line: 4, message: '第4行：重复的条文：第二条已在第2行出现' },
      ]);
    });

    it('refuses an article without text', () => {
      expect(errors(splitLawText('第一条　甲。\n第二条\n\n第三条　丙。'))).toEqual([
        { line: 2, message: '第2行：第二条没有条文内容' },
      ]);
      expect(errors(splitLawText('第一章 总则\n第一条　甲。\n第二条　\n第二章 附则\n第三条　丙。'))).toEqual([
        { line: 3, message: '第3行：第二条没有条文内容' },
      ]);
      expect(errors(splitLawText('第一条　甲。\n第二条'))).toEqual([
        { line: 2, message: '第2行：第二条没有条文内容' },
      ]);
    });

    it('refuses more than three lines of text before the first article (e.g. a 公布令)', () => {
      const text = [
        '中华人民共和国主席令',
        '第六十三号',
        '《中华人民共和国退役军人保障法》已由第十三届全国人民代表大会常务委员会第二十三次会议通过，现予公布。',
        '中华人民共和国主席　习近平',
        '2020年11月11日',
        '中华人民共和国退役军人保障法',
        '第一章　总则',
        '第一条　为了加强退役军人保障工作，制定本法。',
      ].join('\n');
      expect(errors(splitLawText(text))).toEqual([
        {
          line: 4,
          message:
            '第4行：第一条之前的文字过多，无法识别为标题（标题最多3行，括号内的题注不计），请删除公布令、说明等非条文内容',
        },
      ]);
    });

    it('refuses a line after a heading that belongs to no article', () => {
      const text = '某某办法\n第一章　总则\n本章规定一般事项\n第一条　甲。';
      expect(errors(splitLawText(text))).toEqual([
        { line: 3, message: '第3行：此行不属于任何条文：「本章规定一般事项」' },
      ]);
    });

    it('refuses a 节 outside any 章 and a 分编 outside any 编', () => {
      expect(errors(splitLawText('第一节　一般规定\n第一条　甲。'))).toEqual([
        { line: 1, message: '第1行：节标题"第一节 一般规定"不在任何章之下' },
      ]);
      expect(errors(splitLawText('第一分编　通则\n第一章　一般规定\n第一条　甲。'))).toEqual([
        { line: 1, message: '第1行：分编标题"第一分编 通则"不在任何编之下' },
      ]);
    });

    it('refuses chapters or articles before the first 编 of a text that has 编', () => {
      const text = '第一章　一般规定\n第一条　甲。\n第一编　总则\n第二章　其他\n第二条　乙。';
      expect(errors(splitLawText(text))).toEqual([
        { line: 1, message: '第1行：全文分编，但章标题"第一章 一般规定"位于第一编之前' },
        { line: 2, message: '第2行：全文分编，但第一条位于第一编之前' },
      ]);
    });

    it('refuses inserted articles (第N条之一) with a clear message', () => {
      const text = '第一百二十条　甲。\n第一百二十条之一　乙。\n款。\n第一百二十一条　丙。';
      expect(errors(splitLawText(text, { excerpt: true }))).toEqual([
        {
          line: 2,
          message:
            '第2行：暂不支持"第一百二十条之一"这类插入条文（条文编号须为整数），请按节选导入并删去此条',
        },
      ]);
    });

    it('reports several problems at once, in line order', () => {
      const text = '第一节 甲\n第一条　甲。\n第三条\n第三条　丙。';
      expect(errors(splitLawText(text)).map((e) => e.line)).toEqual([1, 3, 3, 4]);
    });
  });

  describe('properties', () => {
    // glued "第一条的…"/"第一条中的…" read as cross-references on purpose, so paragraphs never start with 的/中 here
    const cjk = fc
      .tuple(
        fc.constantFrom(...'一是在不了有和人这大为上个国我以要他时来用们生到作地于出就分对成会可也你所'),
        fc.array(
          fc.constantFrom(...'的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也你'),
          {
            maxLength: 30,
          },
        ),
      )
      .map(([c, cs]) => c + cs.join('') + '。');
    const article = fc.array(cjk, { minLength: 1, maxLength: 4 });
    const style = fc.record({
      arabic: fc.boolean(),
      separator: fc.constantFrom('　', ' ', '', '  ', '\t'),
      eol: fc.constantFrom('\n', '\r\n'),
      blank: fc.boolean(),
    });

    it('recovers every article and paragraph of a rendered law, whatever the layout', () => {
      fc.assert(
        fc.property(fc.array(article, { minLength: 1, maxLength: 15 }), style, (paras, s) => {
          const text = paras
            .map((ps, i) => {
              const n = s.arabic ? String(i + 1) : toChineseNumber(i + 1);
              const [first, ...rest] = ps;
              return [`第${n}条${s.separator}${first}`, ...rest.map((p) => `\u3000\u3000${p}`)].join(
                s.blank ? s.eol + s.eol : s.eol,
              );
            })
            .join(s.eol);
          const sut = ok(splitLawText(text));
          expect(sut.articles.map((a) => a.number)).toEqual(paras.map((_, i) => i + 1));
          expect(sut.articles.map((a) => a.paragraphs)).toEqual(paras);
        }),
      );
    });

    it('never throws, and every error names its line in its message', () => {
      const line = fc.oneof(
        cjk,
        fc.constantFrom(
          '第一章 总则',
          '第一节 一般规定',
          '第一编 总则',
          '第一分编 通则',
          '附则',
          '目录',
          '（一）甲；',
          '',
        ),
        fc.integer({ min: 1, max: 30 }).map((n) => `第${toChineseNumber(n)}条\u3000内容。`),
        fc.integer({ min: 1, max: 30 }).map((n) => `第${n}条`),
      );
      fc.assert(
        fc.property(fc.array(line, { maxLength: 25 }), fc.boolean(), (lines, excerpt) => {
          const result = splitLawText(lines.join('\n'), { excerpt });
          if (!result.ok) {
            expect(result.errors.length).toBeGreaterThan(0);
            for (const e of result.errors) expect(e.message.startsWith(`第${e.line}行：`)).toBe(true);
          } else {
            for (const a of result.articles) expect(a.paragraphs.length).toBeGreaterThan(0);
          }
        }),
      );
    });
  });
});
