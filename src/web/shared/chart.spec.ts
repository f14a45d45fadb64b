import { barChart } from './chart';

describe('barChart', () => {
  it('names each linked bar by its label and figures, as a group of links', () => {
    const sut = barChart('持证率', [
      { label: '办公室', share: 0.5, value: '50%', detail: '2 人中 1 人持证', href: '/app/dashboard?unit=2' },
    ]).value;
    expect(sut).toContain('aria-label="办公室：2 人中 1 人持证"');
    expect(sut).toContain('role="group"');
  });

  it('stays one image without links', () => {
    expect(barChart('持证率', [{ label: '办公室', share: 1, value: '100%', detail: '1/1' }]).value).toContain(
      'role="img"',
    );
  });
});
