#!/usr/bin/env node
/**
 * Spreads the answer keys of question-bank files by reordering options (issue #12): never changes what a question
 * asks, which options it offers or which of them are correct — only their order, and `answer` with it.
 *
 *   node scripts/content/rebalance-keys.js question-banks/common/*.yaml …      rewrite the files
 *   node scripts/content/rebalance-keys.js --check question-banks/…           print the distributions only
 *
 * Deterministic and idempotent (a second run changes nothing):
 * - single choice: the n-th approved single question of a file gets the key position ORDER[n % 4] … in blocks of
 *   four that hold each of A–D once, so every position ends up within one question of a quarter. The options are
 *   rotated (their cyclic order is kept) until the correct one stands there. Drafts follow their own sequence.
 * - multiple choice: the n-th question’s first key is put at position (n + 1) mod (options − keys + 1), by the smallest
 *   rotation that does it, so keys no longer all start with A.
 * True/false balance needs rewritten statements and is done by hand; this script only reports it.
 * The files are edited line by line (comments, quoting and layout stay); every rewritten question is re-read and
 * compared with the original: same stem, same option texts, same correct option texts.
 */
const fs = require('node:fs');
const YAML = require('yaml');

const KEYS = 'ABCDEFGH';
/** Key positions for four consecutive single questions, varied from block to block. */
const BLOCKS = ['BDAC', 'CADB', 'DBCA', 'ACBD', 'BCDA', 'DACB'];

const rotate = (arr, r) => arr.map((_, i) => arr[(i - r + arr.length) % arr.length]);

function correctTexts(q) {
  const keys = Array.isArray(q.answer) ? q.answer : [q.answer];
  return keys.map((k) => String(q.options[k])).sort();
}

/** New option order (array of old keys) and answer for one question, given its index among its kind. */
function plan(q, index) {
  const old = Object.keys(q.options);
  const n = old.length;
  if (q.type === 'single') {
    const block = BLOCKS[Math.floor(index / 4) % BLOCKS.length];
    const target = Math.min(KEYS.indexOf(block[index % 4]), n - 1);
    const from = old.indexOf(q.answer);
    const r = (target - from + n) % n;
    const order = rotate(old, r);
    return { order, answer: KEYS[order.indexOf(q.answer)] };
  }
  const keys = new Set(q.answer);
  const span = n - keys.size + 1;
  const target = (index + 1) % span;
  let best;
  for (let r = 0; r < n; r++) {
    const order = rotate(old, r);
    const first = order.findIndex((k) => keys.has(k));
    const score = Math.abs(first - target);
    if (!best || score < best.score) best = { score, order };
  }
  const answer = best.order
    .map((k, i) => (keys.has(k) ? KEYS[i] : null))
    .filter(Boolean)
    .sort();
  return { order: best.order, answer };
}

function rebalanceFile(file, write) {
  const source = fs.readFileSync(file, 'utf8');
  const lines = source.split('\n');
  const doc = YAML.parse(source);
  const counters = { 'single:approved': 0, 'single:draft': 0, 'multiple:approved': 0, 'multiple:draft': 0 };
  let changed = 0;
  for (const q of doc.questions) {
    if (q.type !== 'single' && q.type !== 'multiple') continue;
    const status = q.status === 'draft' ? 'draft' : 'approved';
    const index = counters[`${q.type}:${status}`]++;
    const { order, answer } = plan(q, index);
    const same = order.every((k, i) => k === Object.keys(q.options)[i]);
    if (same) continue;
    const start = lines.findIndex((l) => l.replace(/\s+$/, '') === `  - id: ${q.id}`);
    if (start < 0) throw new Error(`${file}: question ${q.id} not found`);
    let end = start + 1;
    while (end < lines.length && !/^ {2}- id: /.test(lines[end]) && !/^\S/.test(lines[end])) end++;
    const optStart = lines.findIndex((l, i) => i > start && i < end && /^ {4}options:\s*$/.test(l));
    const optLines = lines.slice(optStart + 1, optStart + 1 + order.length);
    if (optStart < 0 || !optLines.every((l, i) => l.startsWith(`      ${KEYS[i]}: `)))
      throw new Error(`${file}: ${q.id}: options are not one line each`);
    const values = optLines.map((l) => l.slice(9));
    const byKey = new Map(Object.keys(q.options).map((k, i) => [k, values[i]]));
    order.forEach((k, i) => (lines[optStart + 1 + i] = `      ${KEYS[i]}: ${byKey.get(k)}`));
    const answerAt = lines.findIndex((l, i) => i > start && i < end && /^ {4}answer:/.test(l));
    const spaced = /\[ /.test(lines[answerAt]);
    lines[answerAt] = Array.isArray(answer)
      ? `    answer: ${spaced ? `[ ${answer.join(', ')} ]` : `[${answer.join(', ')}]`}`
      : `    answer: ${answer}`;
    changed++;
  }
  const result = lines.join('\n');
  // Re-read: nothing but the order may have changed.
  const after = YAML.parse(result);
  doc.questions.forEach((q, i) => {
    const a = after.questions[i];
    const texts = (x) =>
      Object.values(x.options ?? {})
        .map(String)
        .sort();
    if (
      a.id !== q.id ||
      a.stem !== q.stem ||
      (q.options && JSON.stringify(texts(a)) !== JSON.stringify(texts(q))) ||
      (q.options && JSON.stringify(correctTexts(a)) !== JSON.stringify(correctTexts(q)))
    )
      throw new Error(`${file}: ${q.id} changed beyond its option order`);
  });
  if (write && changed) fs.writeFileSync(file, result);
  return { changed, questions: after.questions };
}

function distribution(questions) {
  const approved = questions.filter((q) => q.status !== 'draft');
  const single = {};
  for (const q of approved.filter((x) => x.type === 'single')) single[q.answer] = (single[q.answer] ?? 0) + 1;
  const multi = approved.filter((x) => x.type === 'multiple');
  const tf = approved.filter((x) => x.type === 'true-false');
  return {
    single: KEYS.slice(0, 4)
      .split('')
      .map((k) => `${k}${single[k] ?? 0}`)
      .join(' '),
    multiple: `${multi.length}: first A ${multi.filter((q) => q.answer[0] === 'A').length}, all correct ${
      multi.filter((q) => q.answer.length === Object.keys(q.options).length).length
    }`,
    trueFalse: `${tf.filter((q) => q.answer === true).length}/${tf.length} true`,
  };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const files = args.filter((a) => a !== '--check');
  if (!files.length) {
    console.error('usage: rebalance-keys.js [--check] bank.yaml …');
    process.exit(2);
  }
  for (const file of files) {
    const before = distribution(YAML.parse(fs.readFileSync(file, 'utf8')).questions);
    const { changed, questions } = rebalanceFile(file, !check);
    const after = distribution(questions);
    console.log(`${file}: ${check ? 'would reorder' : 'reordered'} ${changed}`);
    console.log(`  before  single ${before.single} | multiple ${before.multiple} | ${before.trueFalse}`);
    console.log(`  after   single ${after.single} | multiple ${after.multiple} | ${after.trueFalse}`);
  }
}

module.exports = { plan, rebalanceFile, distribution };
