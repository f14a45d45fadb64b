/**
 * The floors of the code point one way. `src/common` (cross-cutting pieces) and `src/database` (data source,
 * migrations, transactions) know no feature; features may use each other only without a cycle (a module calls
 * the service of a module below it); the web pages and the demo data sit on top and no feature imports them.
 * Read from the import statements of every source file (specs may reach into test/ and are left out).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const SRC = __dirname;
const LOWER = ['common', 'database'];
const TOP = ['web', 'demo'];

type Graph = Map<string, Map<string, string[]>>; // folder → imported folder → importing files

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'migrations' ? [] : sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [p] : [];
  });
}

/** The top folder under src/ of a file, or '' for files at the root (main.ts, app.module.ts …). */
const folderOf = (file: string): string => {
  const rel = path.relative(SRC, file).split(path.sep);
  return rel.length > 1 ? rel[0] : '';
};

function importGraph(): Graph {
  const graph: Graph = new Map();
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(file);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:import|export)\s[^;]*?from\s+'(\.[^']+)'|import\('(\.[^']+)'\)/g)) {
      const target = path.resolve(path.dirname(file), m[1] ?? m[2]);
      if (!target.startsWith(SRC + path.sep)) continue;
      const to = folderOf(target + '.ts');
      if (to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      edges.set(to, [...(edges.get(to) ?? []), path.relative(SRC, file)]);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Every cycle of folders, each once, as 'a → b → a'. */
function cycles(graph: Graph): string[] {
  const found = new Set<string>();
  const walk = (node: string, trail: string[]) => {
    for (const next of graph.get(node)?.keys() ?? []) {
      const at = trail.indexOf(next);
      if (at >= 0) {
        const loop = trail.slice(at);
        const start = loop.indexOf([...loop].sort()[0]);
        found.add([...loop.slice(start), ...loop.slice(0, start), loop[start]].join(' → '));
      } else walk(next, [...trail, next]);
    }
  };
  for (const node of graph.keys()) walk(node, [node]);
  return [...found].sort();
}

describe('layers', () => {
  const sut = importGraph();
  const features = [...sut.keys()].filter((f) => f && !LOWER.includes(f) && !TOP.includes(f));

  it('reads the imports of the whole tree', () => {
    expect(features).toEqual(expect.arrayContaining(['identity', 'exams', 'certification', 'reports']));
    expect(sut.get('web')?.has('exams')).toBe(true);
  });

  it('has no import from common or database into a feature, the pages or the demo data', () => {
    const wrong = LOWER.flatMap((lower) =>
      [...(sut.get(lower) ?? new Map<string, string[]>())]
        .filter(([to]) => !LOWER.includes(to))
        .map(([to, files]) => `${lower} → ${to || 'src/'}: ${files.join(', ')}`),
    );
    expect(wrong).toEqual([]);
  });

  it('has no feature importing the pages or the demo data', () => {
    const wrong = [...sut]
      .filter(([from]) => !TOP.includes(from) && from !== '')
      .flatMap(([from, edges]) =>
        [...edges]
          .filter(([to]) => TOP.includes(to))
          .map(([to, files]) => `${from} → ${to}: ${files.join(', ')}`),
      );
    expect(wrong).toEqual([]);
  });

  it('has no cycle between features (so no two features import each other)', () => {
    expect(cycles(sut)).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const graph: Graph = new Map([
      ['a', new Map([['b', ['a.ts']]])],
      ['b', new Map([['c', ['b.ts']]])],
      ['c', new Map([['a', ['c.ts']]])],
    ]);
    expect(cycles(graph)).toEqual(['a → b → c → a']);
  });
});
