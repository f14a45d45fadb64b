import { PREVIEW_PAGE, previewWindow } from './import-preview';

describe('previewWindow (a dry run previews one page of the questions read)', () => {
  it('shows every question of an ordinary file', () => {
    expect(previewWindow(40)).toEqual({ start: 0, end: 40 });
  });
  it('shows one page of a large file, and the page asked for', () => {
    expect(previewWindow(10_000)).toEqual({ start: 0, end: PREVIEW_PAGE });
    expect(previewWindow(10_000, 9_801)).toEqual({ start: 9_800, end: 10_000 });
    expect(previewWindow(10_000, 501)).toEqual({ start: 500, end: 500 + PREVIEW_PAGE });
  });
  it('is empty past the end, and never negative', () => {
    expect(previewWindow(40, 41)).toEqual({ start: 40, end: 40 });
    expect(previewWindow(40, 900)).toEqual({ start: 40, end: 40 });
    expect(previewWindow(0)).toEqual({ start: 0, end: 0 });
  });
});
