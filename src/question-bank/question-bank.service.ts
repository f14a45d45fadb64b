import { type ImportOptions, rejectIfInvalid } from '../common/imports';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EntityManager, In, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG } from '../common/app-config.module';
import type { AppConfig } from '../common/config';
import { AppError, ErrorDetail } from '../common/errors';
import type { Upload } from '../common/upload';
import { ContentError, CurriculumService } from '../curriculum/curriculum.service';
import { localDay } from '../common/dates';
import { TxService } from '../database/tx.service';
import { parseQuestionFile } from './parsers';
import { parseQuestionFileInWorker } from './parse-job';
import { yieldToEventLoop } from '../common/event-loop';
import { NO_PROGRESS, type ProgressReporter } from '../common/import-progress';
import { QuestionsService } from './questions.service';
import { addQuestions, addRevision, NewQuestion, stemKey } from './question-writer';
import { contentHash } from './question-content';
import { previewWindow, toPreviewItem, type PreviewItem } from './import-preview';
import { formatCitation } from './parsers/citation';
import { QuestionBank } from './question-bank.entity';
import { QuestionRevision } from './question-revision.entity';
import { Question } from './question.entity';
import type {
  BankMeta,
  CaseKey,
  Citation,
  ImportIssue,
  ParsedQuestion,
  ParseResult,
  QuestionDraft,
  QuestionStatus,
  WrittenKey,
} from './question.types';

export interface BankImportOptions extends ImportOptions {
  bankId?: number;
  /**
   * Approve on import (a file the trainer trusts): each question takes the status its file gives it (approved
   * when it gives none). Otherwise every uploaded question is a draft for the review queue.
   */
  approve?: boolean;
  /** Dry run: the 1-based position of the first question previewed (a page of PREVIEW_PAGE). */
  previewFrom?: number;
}

interface Resolved {
  parsed: ParsedQuestion;
  regulationId: number | null;
  normalized: string;
}

/** The citations inside a written question: its rubric points' and its sub-questions'. */
function nestedCitations(q: QuestionDraft): Citation[] {
  const out: Citation[] = [];
  const ofRubric = (key: WrittenKey) => key.rubric.forEach((r) => r.citation && out.push(r.citation));
  if (q.type === 'short-answer') ofRubric(q.answer as WrittenKey);
  if (q.type === 'case') {
    for (const sub of (q.answer as CaseKey).questions) {
      if (sub.citation) out.push(sub.citation);
      if (sub.type === 'short-answer') ofRubric(sub.answer as WrittenKey);
    }
  }
  return out;
}

const where = (p: { line?: number; row?: number; sheet?: string }) =>
  p.row !== undefined ? { ...(p.sheet ? { sheet: p.sheet } : {}), row: p.row } : { line: p.line ?? 1 };

/** The status an uploaded question gets: a draft for review, unless the trainer approves the file on import. */
function uploadStatus(fileStatus: QuestionStatus, approve: boolean): QuestionStatus {
  if (fileStatus === 'retired') return 'retired';
  return approve ? fileStatus : 'draft';
}

/** Owns banks and questions: imports (repository and uploads), revisions and the draft/approved/retired lifecycle. */
@Injectable()
export class QuestionBankService {
  private readonly logger = new Logger('QuestionBankService');

  constructor(
    @InjectRepository(QuestionBank) private readonly banks: Repository<QuestionBank>,
    @InjectRepository(Question) private readonly questions: Repository<Question>,
    @InjectRepository(QuestionRevision) private readonly revisions: Repository<QuestionRevision>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly curriculum: CurriculumService,
    private readonly tx: TxService,
    private readonly audit: AuditService,
    private readonly pools: QuestionsService,
  ) {}

  findBank(id: number): Promise<QuestionBank | null> {
    return this.banks.findOne({ where: { id } });
  }

  /** Resolves citations against the catalogue; an unknown regulation is an error at the question's position. */
  private async resolve(
    result: ParseResult,
    progress: ProgressReporter = NO_PROGRESS,
  ): Promise<{ items: Resolved[]; errors: ImportIssue[] }> {
    const items: Resolved[] = [];
    const errors: ImportIssue[] = [];
    for (const [i, p] of result.questions.entries()) {
      if (i % 500 === 499) {
        progress.checking(i + 1, result.questions.length, '题');
        await yieldToEventLoop(); // a 10,000-question upload: let other requests in
      }

      let regulationId: number | null = null;
      const cite = p.question.citation;
      if (cite) {
        regulationId = (await this.curriculum.resolveRegulationId(cite.regulation)) ?? null;
        if (regulationId === null) {
          errors.push({
            ...where(p),
            field: '法规',
            message: `法规“${cite.regulation}”不在法规目录中，请先在法规目录中添加或改用目录中的名称`,
          });
          continue;
        }
      }
      // Written questions cite in their rubric points and sub-questions too: each must name a catalogued document.
      let unknown: string | undefined;
      for (const c of nestedCitations(p.question)) {
        if ((await this.curriculum.resolveRegulationId(c.regulation)) === undefined) unknown = c.regulation;
      }
      if (unknown !== undefined) {
        errors.push({
          ...where(p),
          field: '法规',
          message: `评分要点或小题引用的法规“${unknown}”不在法规目录中，请先在法规目录中添加或改用目录中的名称`,
        });
        continue;
      }
      items.push({
        parsed: p,
        regulationId,
        normalized: stemKey(p.question),
      });
    }
    return { items, errors };
  }

  /**
   * Article numbers beyond a document's last article, where the catalogue holds the document's complete text (the
   * version in force today is not an excerpt): errors at the question's position.
   */
  private async articleRangeErrors(
    items: Resolved[],
  ): Promise<{ errors: ImportIssue[]; refused: Set<Resolved> }> {
    const cited = items.filter(
      (i) => i.regulationId !== null && i.parsed.question.citation?.article !== undefined,
    );
    const errors: ImportIssue[] = [];
    const refused = new Set<Resolved>();
    if (!cited.length) return { errors, refused };
    const ids = [...new Set(cited.map((i) => i.regulationId as number))];
    const versions = await this.curriculum.versionsInForce(localDay(), ids);
    const titles = new Map((await this.curriculum.findByIds(ids)).map((r) => [r.id, r.title]));
    for (const item of cited) {
      const version = versions.get(item.regulationId as number);
      const cite = item.parsed.question.citation!;
      if (!version || version.excerpt || version.articleCount < 1) continue;
      if (cite.article! > version.articleCount) {
        refused.add(item);
        errors.push({
          ...where(item.parsed),
          field: '法规',
          message: `《${titles.get(item.regulationId as number) ?? cite.regulation}》共${version.articleCount}条，没有${formatCitation(cite).replace(/^《[^》]*》/, '')}，请核对条号`,
        });
      }
    }
    return { errors, refused };
  }

  /**
   * Loads every bank file under question-banks/common, question-banks/specialty and question-banks/written. Idempotent: unchanged
   * questions are left alone, a changed question gets a new revision, a question removed from its file is retired.
   * A bad file stops the start with its path, line and reason; nothing of it is loaded.
   */
  async loadRepositoryBanks(): Promise<{ banks: number; questions: number; changed: number }> {
    const files: string[] = [];
    for (const sub of ['common', 'specialty', 'written']) {
      const dir = path.join(this.config.questionBanksDir, sub);
      if (!fs.existsSync(dir)) continue;
      for (const f of fs.readdirSync(dir).sort())
        if (/\.(ya?ml|json)$/.test(f)) files.push(path.join(dir, f));
    }
    const problems: string[] = [];
    const loaded: { file: string; bank: BankMeta; items: Resolved[] }[] = [];
    for (const file of files) {
      const rel = path.relative(path.dirname(this.config.questionBanksDir), file);
      const result = await parseQuestionFile(path.basename(file), fs.readFileSync(file), {
        maxQuestions: 20000,
      });
      const { items, errors } = await this.resolve(result);
      const all = [...result.errors, ...errors];
      if (!result.bank) all.push({ line: 1, message: '缺少 bank（题库信息）' });
      for (const i of all)
        problems.push(`${rel}:${i.line ?? i.row ?? 1}：${i.field ? `${i.field}：` : ''}${i.message}`);
      if (result.bank) loaded.push({ file: rel, bank: result.bank, items });
    }
    if (problems.length) throw new ContentError(`题库文件有错误，未加载：\n${problems.join('\n')}`);
    let total = 0;
    let changed = 0;
    for (const { bank, items } of loaded) {
      const r = await this.tx.run(async (m) => {
        const b = await this.upsertBank(m, bank, 'repo');
        const outcome = await this.writeQuestions(m, b, items, null, { retireMissingKeys: true });
        return outcome;
      });
      total += items.length;
      changed += r.created + r.revised + r.retired;
    }
    this.logger.log(`题库：${loaded.length} 个题库，${total} 道题（本次新增或更新 ${changed} 道）`);
    return { banks: loaded.length, questions: total, changed };
  }

  private async upsertBank(
    m: EntityManager,
    meta: BankMeta,
    source: 'repo' | 'upload',
  ): Promise<QuestionBank> {
    const repo = m.getRepository(QuestionBank);
    const fields = {
      code: meta.code,
      title: meta.title,
      curriculum: meta.curriculum,
      regulations: meta.regulations.length ? `,${meta.regulations.join(',')},` : '',
      description: meta.description ?? null,
      note: meta.note ?? null,
      source,
    };
    const existing = await repo.findOne({ where: { code: meta.code } });
    if (!existing) return repo.save(repo.create(fields));
    await repo.update(existing.id, fields);
    return { ...existing, ...fields };
  }

  /**
   * Writes questions into a bank. A question with a key matches the bank's question with that key (new revision
   * when its content changed); one without a key whose normalised stem is already in the bank is a duplicate and
   * is skipped.
   */
  private async writeQuestions(
    m: EntityManager,
    bank: QuestionBank,
    items: Resolved[],
    actorId: number | null,
    opts: { retireMissingKeys?: boolean } = {},
  ) {
    const qRepo = m.getRepository(Question);
    const rRepo = m.getRepository(QuestionRevision);
    const existing = await qRepo.find({ where: { bankId: bank.id } });
    const byKey = new Map(existing.filter((q) => q.key).map((q) => [q.key as string, q]));
    const byStem = new Set(existing.map((q) => q.normalizedStem));
    const currentHashes = new Map(
      (
        await rRepo.find({
          where: { id: In(existing.map((q) => q.currentRevisionId).filter((x): x is number => x !== null)) },
          select: { id: true, contentHash: true },
        })
      ).map((r) => [r.id, r.contentHash]),
    );
    // For the repository's own files: the content each question had when the repository last wrote it (revisions
    // with no author). A trainer's later edit or upload is not a change in the file, so it is neither overwritten
    // at the next start nor are the trainer's own questions retired for being absent from the file.
    const repository = actorId === null;
    const repoHashes = new Map<number, string>();
    if (repository && existing.length) {
      const rows: { questionId: number; contentHash: string }[] = await rRepo
        .createQueryBuilder('r')
        .innerJoin(Question, 'q', 'q.id = r.questionId')
        .select('r.questionId', 'questionId')
        .addSelect('r.contentHash', 'contentHash')
        .where('q.bankId = :bankId', { bankId: bank.id })
        .andWhere('r.createdBy IS NULL')
        .orderBy('r.revision', 'ASC')
        .getRawMany();
      for (const r of rows) repoHashes.set(Number(r.questionId), r.contentHash);
    }
    let created = 0;
    let revised = 0;
    let duplicates = 0;
    const seenKeys = new Set<string>();
    // New questions are written in batches (addQuestions); flushed before each new revision, so ids are given in
    // the same order as one question at a time.
    const pending: NewQuestion[] = [];
    const flush = async () => {
      if (!pending.length) return;
      await addQuestions(m, (t, p) => this.tx.sql(t, p), bank.id, pending.splice(0), actorId);
      this.pools.invalidatePools();
    };
    for (const item of items) {
      const d = item.parsed.question;
      const hash = contentHash(d);
      const match = d.key ? byKey.get(d.key) : undefined;
      if (d.key) seenKeys.add(d.key);
      if (match) {
        const unchanged =
          (match.currentRevisionId !== null && currentHashes.get(match.currentRevisionId) === hash) ||
          (repository && repoHashes.get(match.id) === hash);
        // Unchanged content: the status is the trainer's (an approved draft stays approved); a file's status
        // applies only with a new revision.
        if (unchanged) continue;
        await flush();
        await addRevision(m, match, d, item.regulationId, actorId, {
          status: d.status,
          needsReview: false,
          reviewReason: null,
        });
        revised++;
        continue;
      }
      if (!d.key && byStem.has(item.normalized)) {
        duplicates++;
        continue;
      }
      byStem.add(item.normalized);
      pending.push({ draft: d, regulationId: item.regulationId });
      if (pending.length >= 100) await flush();
      created++;
    }
    await flush();
    let retired = 0;
    if (opts.retireMissingKeys) {
      for (const q of existing) {
        if (q.key && !seenKeys.has(q.key) && q.status !== 'retired' && repoHashes.has(q.id)) {
          await qRepo.update(q.id, { status: 'retired' });
          retired++;
        }
      }
    }
    return { created, revised, duplicates, retired };
  }

  /** A dry run's page of the preview, built in slices so other requests get in between. */
  private async previewOf(
    questions: ParsedQuestion[],
    from: number | undefined,
    outcome: Map<ParsedQuestion, PreviewItem['outcome']>,
    warnings: Map<ParsedQuestion, ImportIssue[]>,
  ) {
    const { start, end } = previewWindow(questions.length, from);
    const preview: PreviewItem[] = [];
    for (let i = start; i < end; i++) {
      if ((i - start) % 100 === 99) await yieldToEventLoop();
      const p = questions[i];
      preview.push(
        toPreviewItem(p, {
          status: p.question.status,
          outcome: outcome.get(p) ?? 'invalid',
          warnings: warnings.get(p) ?? [],
        }),
      );
    }
    return { previewFrom: start + 1, previewTotal: questions.length, preview };
  }

  /**
   * Upload: parse, resolve citations, find duplicates — and only then, if everything is valid (or the caller asked
   * for the valid questions only) and this is not a dry run, write in one transaction. Uploaded questions are
   * drafts for the review queue unless `approve` is set. A dry run returns a `preview` of every question read.
   */
  async importUpload(actorId: number, upload: Upload, opts: BankImportOptions) {
    const result = await parseQuestionFileInWorker(
      upload.fileName,
      upload.data,
      { maxQuestions: 10000 },
      upload.progress,
    );
    const tooMany = result.errors.find((e) => /^题目数量（\d+道）超过/.test(e.message));
    if (tooMany) throw new AppError(413, `${upload.fileName}：${tooMany.message}`, [tooMany]);
    const approve = opts.approve === true;
    for (const p of result.questions) p.question.status = uploadStatus(p.question.status, approve);
    const resolved = await this.resolve(result, upload.progress);
    upload.progress.checking(result.questions.length, result.questions.length, '题');
    const range = await this.articleRangeErrors(resolved.items);
    const items = resolved.items.filter((i) => !range.refused.has(i));
    const errors: ErrorDetail[] = [...result.errors, ...resolved.errors, ...range.errors].sort(
      (a, b) => (a.line ?? a.row ?? 0) - (b.line ?? b.row ?? 0),
    );

    let bank: QuestionBank | null = null;
    if (opts.bankId !== undefined) {
      bank = await this.findBank(opts.bankId);
      if (!bank) throw AppError.badRequest('题库不存在', [{ field: 'bankId', message: '题库不存在' }]);
    } else if (result.bank) {
      bank = await this.banks.findOne({ where: { code: result.bank.code } });
    } else if (result.questions.length > 0 || errors.length === 0) {
      throw AppError.badRequest('请选择要导入的题库（bankId），或上传带题库信息（bank）的 YAML 文件', [
        { field: 'bankId', message: '缺少题库' },
      ]);
    }

    // Duplicates against the bank as it is now (and keys already there → revisions, not duplicates).
    const warnings: ImportIssue[] = [...result.warnings];
    const questionWarnings = new Map<ParsedQuestion, ImportIssue[]>(
      result.questions.map((p) => [p, [...(p.warnings ?? [])]]),
    );
    const outcome = new Map<ParsedQuestion, PreviewItem['outcome']>(
      result.questions.map((p) => [p, 'invalid']),
    );
    let duplicates = 0;
    const writable: Resolved[] = [];
    const existing = bank
      ? await this.questions.find({
          where: { bankId: bank.id },
          select: { id: true, key: true, normalizedStem: true },
        })
      : [];
    const stems = new Map(existing.map((q) => [q.normalizedStem, q.id]));
    const keys = new Set(existing.map((q) => q.key).filter(Boolean));
    for (const item of items) {
      const key = item.parsed.question.key;
      if (!(key && keys.has(key)) && stems.has(item.normalized)) {
        duplicates++;
        const duplicate = {
          ...where(item.parsed),
          message: `与题库中已有题目（编号 ${stems.get(item.normalized)}）重复（题干与选项相同），不会重复导入`,
        };
        warnings.push(duplicate);
        questionWarnings.get(item.parsed)?.push(duplicate);
        outcome.set(item.parsed, 'duplicate');
      } else {
        writable.push(item);
        outcome.set(item.parsed, key && keys.has(key) ? 'update' : 'new');
      }
    }
    const skipped = (result.skipped ?? []).map(({ line, row, sheet, kind, label, raw, message }) => ({
      ...(row !== undefined ? { ...(sheet ? { sheet } : {}), row } : { line }),
      kind,
      label,
      message,
      raw,
    }));

    const summary = {
      dryRun: opts.dryRun,
      format: result.format,
      fileName: upload.fileName,
      bankId: bank?.id ?? null,
      approve,
      questions: items.length,
      imported: 0,
      duplicates,
      skipped,
      warnings,
      errors,
      ...(opts.dryRun
        ? await this.previewOf(result.questions, opts.previewFrom, outcome, questionWarnings)
        : {}),
    };
    rejectIfInvalid(upload.fileName, errors, summary, opts, '题目');
    if (opts.dryRun || writable.length === 0) return summary;
    upload.progress.writing(0, writable.length, '题');
    const written = await this.tx.run(async (m) => {
      const target = bank ?? (await this.upsertBank(m, result.bank as BankMeta, 'upload'));
      const r = await this.writeQuestions(m, target, writable, actorId);
      await this.audit.record(m, {
        actorId,
        action: 'question-bank.import',
        entity: 'question_bank',
        entityId: target.id,
        detail: { fileName: upload.fileName, format: result.format, approve, ...r },
      });
      return { bankId: target.id, ...r };
    });
    return {
      ...summary,
      bankId: written.bankId,
      imported: written.created + written.revised,
      duplicates: duplicates + written.duplicates,
    };
  }
}
