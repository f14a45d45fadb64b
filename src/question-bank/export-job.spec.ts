import * as fs from 'node:fs';
import * as path from 'node:path';
import { shutdownWorkers } from '../common/worker-pool';
import { exportsInWorker } from './export-job';
import { exportBankXlsx, exportBankYaml, parseXlsx, parseYamlBank } from './parsers';
import { exportBankText } from './parsers/text-export';
import type { QuestionDraft } from './question.types';

const bank = parseYamlBank(
  fs.readFileSync(path.join(__dirname, '../../question-banks/written/written-common.yaml'), 'utf8'),
);
const drafts: QuestionDraft[] = bank.questions.map((q) => q.question);

describe('bank exports in a worker thread', () => {
  jest.setTimeout(60_000);
  afterAll(() => shutdownWorkers());

  it('gives the same YAML and text as on the main thread', async () => {
    expect(await exportsInWorker.yaml(bank.bank!, drafts)).toBe(exportBankYaml(bank.bank!, drafts));
    expect(await exportsInWorker.text(drafts)).toEqual({ ok: true, body: exportBankText(drafts) });
  });

  it('brings an xlsx back as a Buffer that reads back to the same questions', async () => {
    const body = await exportsInWorker.xlsx(drafts);
    expect(Buffer.isBuffer(body)).toBe(true);
    expect(body.length).toBeGreaterThan(1000);
    expect((await parseXlsx(body)).questions.map((q) => q.question)).toEqual(
      (await parseXlsx(await exportBankXlsx(drafts))).questions.map((q) => q.question),
    );
  });

  it('returns a question that cannot be written as text as a value naming its place', async () => {
    const bad: QuestionDraft = {
      ...drafts[0],
      type: 'true-false',
      options: [],
      answer: true,
      stem: '答案：对',
    };
    const r = await exportsInWorker.text([drafts[0], bad]);
    expect(r).toMatchObject({ ok: false, index: 1 });
  });
});
