import { JsonShapeScanner, MAX_JSON_DEPTH } from './json-guard';

const scan = (text: string, maxDepth = MAX_JSON_DEPTH, maxValues = 100, chunk = 7) => {
  const sut = new JsonShapeScanner(maxDepth, maxValues);
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += chunk) if (!sut.feed(bytes.subarray(i, i + chunk))) break;
  return sut.problem ? { status: sut.problem.getStatus() } : 'ok';
};

describe('JsonShapeScanner', () => {
  it('accepts ordinary bodies, brackets and commas inside strings included', () => {
    expect(scan('{"a":[1,2,{"b":"x"}],"c":null}')).toBe('ok');
    expect(scan(JSON.stringify({ s: '[[[[,,,,"\\"[[[[' + ',,'.repeat(500) }), 3, 10)).toBe('ok');
    expect(scan(JSON.stringify({ s: '退役军人【第一条】，' }), 2, 3, 1)).toBe('ok');
  });

  it('refuses nesting past the limit with 400, across chunk boundaries', () => {
    expect(scan('['.repeat(4) + ']'.repeat(4), 4)).toBe('ok');
    expect(scan('['.repeat(5) + ']'.repeat(5), 4)).toEqual({ status: 400 });
    expect(scan('{"a":{"b":{"c":{"d":{}}}}}', 4, 100, 1)).toEqual({ status: 400 });
  });

  it('refuses too many values with 413', () => {
    expect(scan(`[${Array(100).fill(1).join(',')}]`)).toBe('ok');
    expect(scan(`[${Array(101).fill(1).join(',')}]`)).toEqual({ status: 413 });
  });

  it('is not fooled by escaped quotes', () => {
    // The string holds \" then [[[: still inside the string.
    expect(scan('["a\\"[[[[[[", 1]', 2)).toBe('ok');
    expect(scan('["a\\\\", [[[[[]]]]]]', 2)).toEqual({ status: 400 });
  });

  it('scans text the same as bytes (the parser hands it the body as a string)', () => {
    const text = (t: string, maxDepth = MAX_JSON_DEPTH, maxValues = 100) => {
      const sut = new JsonShapeScanner(maxDepth, maxValues);
      sut.feed(t);
      return sut.problem ? { status: sut.problem.getStatus() } : 'ok';
    };
    expect(text(JSON.stringify({ s: '退役军人【第一条】，[[[[', seq: 1 }), 2, 3)).toBe('ok');
    expect(text('{"a":{"b":{"c":{"d":{}}}}}', 4)).toEqual({ status: 400 });
    expect(text(`[${Array(101).fill('"条"').join(',')}]`)).toEqual({ status: 413 });
  });
});
