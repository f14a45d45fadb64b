import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import {
  Brackets,
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  In,
  InsertEvent,
  RemoveEvent,
  Repository,
  UpdateEvent,
} from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { localDay } from '../common/dates';
import { AppError } from '../common/errors';
import { LIKE_ESCAPE, likeContains } from '../common/like';
import type { AuthUser } from '../common/roles';
import { CurriculumService } from '../curriculum/curriculum.service';
import type { EntityReader } from '../database/entity-reader';
import { TxService } from '../database/tx.service';
import { checkArticle, statedArticleTotal } from './article-check';
import { CreateBankDto, EditQuestionDto, ListQuestionsQuery } from './dto/question.dto';
import { exportsInWorker } from './export-job';
import { approvalBlocker, validateDraft } from './parsers/validate';
import { readRevision, toDraft } from './question-content';
import { addRevision } from './question-writer';
import { QuestionBank } from './question-bank.entity';
import { QuestionRevision } from './question-revision.entity';
import { Question } from './question.entity';
import type {
  AnswerKey,
  CaseKey,
  Citation,
  Curriculum,
  OptionKey,
  QuestionDraft,
  QuestionType,
  WrittenKey,
  WrittenType,
} from './question.types';
import { isWrittenType } from './question.types';
import { normalizeWrittenKey, writtenCitations } from './written-key';
import {
  BankResponse,
  EditedQuestionResponse,
  QuestionListResponse,
  QuestionResponse,
  QuestionRevisionResponse,
  toBankResponse,
} from './question.response';

/** A question a paper may draw: approved, not flagged for review, from a document in force. */
export interface PoolQuestionRow {
  id: number;
  revisionId: number;
  type: QuestionType;
  difficulty: number;
  optionKeys: OptionKey[];
}

export type PoolSource =
  | { kind: 'curricula'; curricula: Curriculum[] }
  | { kind: 'banks'; bankIds: number[] }
  | { kind: 'regulations'; regulationIds: number[] };

/** How long a process trusts a cached pool: another process's question changes show after at most this long. */
const POOL_CACHE_MS = 5_000;
/** Revisions are immutable (an edit inserts a new one), so they are cached by id, up to this many. */
const REVISION_CACHE_SIZE = 50_000;
/** Tables whose changes can change a pool: every write to them through TypeORM invalidates this process's pools. */
const POOL_TABLES = new Set(['question', 'question_bank', 'regulation']);

@Injectable()
export class QuestionsService implements EntitySubscriberInterface {
  /** Bumped by every change to a pool table (and again when its transaction commits). */
  private poolVersion = 0;
  private changedInTx = false;
  private readonly pools = new Map<
    string,
    { version: number; expires: number; rows: Promise<PoolQuestionRow[]> }
  >();
  private readonly revisionCache = new Map<number, QuestionRevision>();
  private revisionReader?: EntityReader<QuestionRevision>;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @InjectRepository(QuestionBank) private readonly banks: Repository<QuestionBank>,
    @InjectRepository(Question) private readonly questions: Repository<Question>,
    @InjectRepository(QuestionRevision) private readonly revisions: Repository<QuestionRevision>,
    private readonly curriculum: CurriculumService,
    private readonly tx: TxService,
    private readonly audit: AuditService,
  ) {
    dataSource.subscribers.push(this);
  }

  afterInsert(e: InsertEvent<unknown>): void {
    this.touched(e.metadata.tableName);
  }

  afterUpdate(e: UpdateEvent<unknown>): void {
    this.touched(e.metadata.tableName);
  }

  afterRemove(e: RemoveEvent<unknown>): void {
    this.touched(e.metadata.tableName);
  }

  /** A reader may have cached the pre-commit state between the change and the commit: invalidate again. */
  afterTransactionCommit(): void {
    if (!this.changedInTx) return;
    this.changedInTx = false;
    this.poolVersion++;
    this.pools.clear();
  }

  private touched(table: string): void {
    if (POOL_TABLES.has(table)) this.invalidatePools();
  }

  /**
   * Forgets every cached pool of this process, now and again when the current transaction commits (called for
   * raw writes TypeORM's listeners do not see).
   */
  invalidatePools(): void {
    this.changedInTx = true;
    this.poolVersion++;
    this.pools.clear();
  }

  async listBanks(): Promise<BankResponse[]> {
    const banks = await this.banks.find({ order: { curriculum: 'ASC', id: 'ASC' } });
    const counts: { bankId: number; status: string; needsReview: boolean | number; n: string }[] =
      await this.questions
        .createQueryBuilder('q')
        .select('q.bankId', 'bankId')
        .addSelect('q.status', 'status')
        .addSelect('q.needsReview', 'needsReview')
        .addSelect('COUNT(*)', 'n')
        .groupBy('q.bankId')
        .addGroupBy('q.status')
        .addGroupBy('q.needsReview')
        .getRawMany();
    return banks.map((b) => {
      const mine = counts.filter((c) => Number(c.bankId) === b.id);
      const sum = (f: (c: (typeof mine)[number]) => boolean) =>
        mine.filter(f).reduce((s, c) => s + Number(c.n), 0);
      return toBankResponse(b, {
        approved: sum((c) => c.status === 'approved' && !Number(c.needsReview)),
        draft: sum((c) => c.status === 'draft'),
        retired: sum((c) => c.status === 'retired'),
        needsReview: sum((c) => Boolean(Number(c.needsReview)) && c.status !== 'retired'),
      });
    });
  }

  async createBank(actor: AuthUser, dto: CreateBankDto): Promise<BankResponse> {
    if (await this.banks.findOne({ where: { code: dto.code } }))
      throw AppError.conflict(`题库编码“${dto.code}”已存在`);
    return this.tx.run(async (m) => {
      const b = await m.getRepository(QuestionBank).save(
        m.getRepository(QuestionBank).create({
          code: dto.code,
          title: dto.title,
          curriculum: dto.curriculum,
          regulations: dto.regulations?.length ? `,${dto.regulations.join(',')},` : '',
          description: dto.description ?? null,
          source: 'upload',
        }),
      );
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'question-bank.create',
        entity: 'question_bank',
        entityId: b.id,
        detail: dto,
      });
      return toBankResponse(b, { approved: 0, draft: 0, retired: 0, needsReview: 0 });
    });
  }

  async list(q: ListQuestionsQuery): Promise<QuestionListResponse> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const qb = this.questions
      .createQueryBuilder('q')
      .innerJoin(QuestionRevision, 'r', 'r.id = q.currentRevisionId');
    if (q.bankId) qb.andWhere('q.bankId = :bankId', { bankId: q.bankId });
    if (q.type) qb.andWhere('q.type = :type', { type: q.type });
    if (q.status) qb.andWhere('q.status = :status', { status: q.status });
    if (q.needsReview === 'true')
      qb.andWhere('q.needsReview = :nr', { nr: true }).andWhere("q.status <> 'retired'");
    if (q.regulation) {
      const id = await this.curriculum.resolveRegulationId(q.regulation);
      qb.andWhere('q.regulationId = :rid', { rid: id ?? -1 });
    }
    if (q.article) qb.andWhere('q.article = :article', { article: q.article });
    if (q.q)
      qb.andWhere(
        new Brackets((w) =>
          w.where(`r.stem LIKE :text ${LIKE_ESCAPE}`, { text: likeContains(q.q as string) }),
        ),
      );
    const total = await qb.getCount();
    const rows = await qb
      .select(['q.id'])
      .orderBy('q.id', 'ASC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getMany();
    const items = await this.detailsByIds(rows.map((r) => r.id));
    return { total, page, pageSize, items };
  }

  /** Full details for trainers: current revision with answer key and explanation. */
  async detailsByIds(ids: number[]): Promise<QuestionResponse[]> {
    if (!ids.length) return [];
    const qs = await this.questions.find({ where: { id: In(ids) }, order: { id: 'ASC' } });
    const revs = new Map(
      (await this.revisions.find({ where: { id: In(qs.map((q) => q.currentRevisionId as number)) } })).map(
        (r) => [r.id, r],
      ),
    );
    const regs = new Map(
      (
        await this.curriculum.findByIds([
          ...new Set(qs.map((q) => q.regulationId).filter((x): x is number => !!x)),
        ])
      ).map((r) => [r.id, r]),
    );
    return qs.map((q) => {
      const c = readRevision(revs.get(q.currentRevisionId as number) as QuestionRevision);
      const reg = q.regulationId ? regs.get(q.regulationId) : undefined;
      return {
        id: q.id,
        bankId: q.bankId,
        key: q.key,
        status: q.status,
        needsReview: q.needsReview,
        reviewReason: q.reviewReason,
        revision: q.revisionCount,
        revisionId: q.currentRevisionId,
        ...c,
        regulation: reg ? { id: reg.id, code: reg.code, title: reg.title } : null,
        article: q.article,
      };
    });
  }

  async get(id: number): Promise<QuestionResponse> {
    const [item] = await this.detailsByIds([id]);
    if (!item) throw AppError.notFound('题目不存在');
    return item;
  }

  async revisionsOf(id: number): Promise<QuestionRevisionResponse[]> {
    const rows = await this.revisions.find({ where: { questionId: id }, order: { revision: 'ASC' } });
    return rows.map((r) => ({
      id: r.id,
      revision: r.revision,
      createdAt: r.createdAt,
      createdBy: r.createdBy,
      ...readRevision(r),
    }));
  }

  /** An edit is a new revision; attempts keep the revision they showed. */
  async edit(actor: AuthUser, id: number, dto: EditQuestionDto): Promise<EditedQuestionResponse> {
    const q = await this.questions.findOne({ where: { id } });
    if (!q) throw AppError.notFound('题目不存在');
    const current = readRevision(
      (await this.revisions.findOne({ where: { id: q.currentRevisionId as number } })) as QuestionRevision,
    );
    // A written question's key (reference answer, rubric; a case's sub-questions) in the stored shape.
    const written = isWrittenType(current.type) ? current.type : null;
    const answer =
      dto.answer !== undefined && written
        ? normalizeWrittenKey(written, dto.answer, current.answer)
        : (dto.answer as QuestionDraft['answer'] | undefined);
    const draft: QuestionDraft = {
      type: current.type,
      stem: dto.stem ?? current.stem,
      options: (dto.options as QuestionDraft['options']) ?? current.options,
      answer: answer ?? current.answer,
      explanation: dto.explanation ?? current.explanation ?? undefined,
      difficulty: dto.difficulty ?? current.difficulty,
      citation: dto.citation ?? current.citation ?? undefined,
      tags: dto.tags ?? current.tags,
      status: q.status === 'retired' ? 'draft' : q.status,
    };
    const issues = validateDraft(draft);
    if (issues.length)
      throw AppError.badRequest(
        issues.length === 1 ? `题目内容无效：${issues[0].message}` : `题目内容无效（${issues.length}处）`,
        issues,
      );
    let regulationId = q.regulationId;
    if (dto.citation) {
      const rid = await this.curriculum.resolveRegulationId(dto.citation.regulation);
      if (!rid)
        throw AppError.badRequest(`法规“${dto.citation.regulation}”不在法规目录中`, [
          { field: 'citation.regulation', message: '法规不在目录中' },
        ]);
      regulationId = rid;
    }
    const notes: string[] = [];
    if (dto.citation && regulationId) {
      const note = await this.checkCitedArticle(regulationId, dto.citation.article);
      if (note) notes.push(note);
    }
    if (written && dto.answer !== undefined)
      notes.push(...(await this.checkWrittenCitations(written, draft.answer, current.answer)));
    await this.tx.run(async (m) => {
      const revision = await addRevision(m, q, draft, regulationId, actor.id);
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'question.edit',
        entity: 'question',
        entityId: id,
        detail: { revision },
      });
    });
    return { ...(await this.get(id)), notes };
  }

  /**
   * The citations inside an edited written key (rubric points, sub-questions), checked against the catalogue as the
   * question's own citation is: the document must be catalogued and the article must exist (400 naming the rubric
   * point). Citations the current revision already has are not checked again. Returns the notes (articles that
   * could not be checked against the text).
   */
  private async checkWrittenCitations(
    type: WrittenType,
    key: AnswerKey,
    before: AnswerKey,
  ): Promise<string[]> {
    const same = (c: Citation) => `${c.regulation}|${c.article ?? ''}|${c.paragraph ?? ''}`;
    const known = new Set(
      writtenCitations(type, before as WrittenKey | CaseKey).map((c) => same(c.citation)),
    );
    const notes: string[] = [];
    for (const { at, citation } of writtenCitations(type, key as WrittenKey | CaseKey)) {
      if (known.has(same(citation))) continue;
      const rid = await this.curriculum.resolveRegulationId(citation.regulation);
      if (!rid) {
        const message = `${at}：法规“${citation.regulation}”不在法规目录中`;
        throw AppError.badRequest(message, [{ field: at, message }]);
      }
      if (citation.article === undefined) continue;
      try {
        const note = await this.checkCitedArticle(rid, citation.article);
        if (note) notes.push(`${at}：${note}`);
      } catch (e) {
        // The article refused (400): the same refusal, naming the rubric point or sub-question.
        if (!(e instanceof AppError) || e.getStatus() !== 400) throw e;
        const message = `${at}：${e.message}`;
        throw AppError.badRequest(message, [{ field: at, message }]);
      }
    }
    return notes;
  }

  /**
   * Article `article` of a regulation against the catalogue (article-check.ts): refused (400 naming the field) when
   * the complete text, or the law's stated total, has no such article; otherwise null, or a note when it could not
   * be checked against the text (an excerpt, no text).
   */
  async checkCitedArticle(regulationId: number, article: number): Promise<string | null> {
    const [reg] = await this.curriculum.findByIds([regulationId]);
    if (!reg) return null;
    const version = (await this.curriculum.versionsInForce(localDay(), [regulationId])).get(regulationId);
    const articles =
      version && version.articleCount > 0 ? await this.curriculum.articlesOfVersions([version.id]) : [];
    const result = checkArticle(
      {
        title: reg.title,
        version: articles.length
          ? { excerpt: version!.excerpt, articleNumbers: articles.map((a) => a.number) }
          : null,
        statedTotal: statedArticleTotal(reg.note),
      },
      article,
    );
    if (!result.ok)
      throw AppError.badRequest(result.message, [{ field: 'citation.article', message: result.message }]);
    return result.note;
  }

  /** approve (clears needs-review), retire, or back to draft. */
  async setStatus(
    actor: AuthUser,
    id: number,
    status: 'approved' | 'retired' | 'draft',
  ): Promise<QuestionResponse> {
    const q = await this.questions.findOne({ where: { id } });
    if (!q) throw AppError.notFound('题目不存在');
    if (status === 'approved' && q.currentRevisionId) {
      const revision = await this.revisions.findOne({ where: { id: q.currentRevisionId } });
      const blocker = revision ? approvalBlocker(readRevision(revision)) : undefined;
      if (blocker) throw AppError.badRequest(blocker, [{ field: 'answer', message: blocker }]);
    }
    await this.tx.run(async (m) => {
      await m
        .getRepository(Question)
        .update(id, { status, ...(status === 'approved' ? { needsReview: false, reviewReason: null } : {}) });
      await this.audit.record(m, {
        actorId: actor.id,
        action: `question.${status}`,
        entity: 'question',
        entityId: id,
      });
    });
    return this.get(id);
  }

  async flag(actor: AuthUser, id: number, needsReview: boolean, reason?: string): Promise<QuestionResponse> {
    const q = await this.questions.findOne({ where: { id } });
    if (!q) throw AppError.notFound('题目不存在');
    await this.tx.run(async (m) => {
      await m
        .getRepository(Question)
        .update(id, { needsReview, reviewReason: needsReview ? (reason ?? '人工标记待复核') : null });
      await this.audit.record(m, {
        actorId: actor.id,
        action: needsReview ? 'question.flag' : 'question.unflag',
        entity: 'question',
        entityId: id,
        detail: { reason },
      });
    });
    return this.get(id);
  }

  /** Flags every approved question citing these articles (or every article, when `articles` is undefined). */
  async flagCiting(regulationId: number, articles: number[] | undefined, reason: string): Promise<number> {
    return this.tx.write((m) => this.flagCitingIn(m, regulationId, articles, reason));
  }

  /** flagCiting inside the caller's transaction (with the catalogue change that caused it). */
  async flagCitingIn(
    m: EntityManager,
    regulationId: number,
    articles: number[] | undefined,
    reason: string,
  ): Promise<number> {
    const qb = m
      .createQueryBuilder()
      .update(Question)
      .set({ needsReview: true, reviewReason: reason })
      .where('regulationId = :rid', { rid: regulationId })
      .andWhere("status <> 'retired'");
    if (articles) {
      if (articles.length === 0) return 0;
      qb.andWhere('article IN (:...articles)', { articles });
    }
    const r = await qb.execute();
    return r.affected ?? 0;
  }

  /** Article numbers that live (not retired) questions of a document cite. */
  async citedArticles(regulationId: number): Promise<number[]> {
    const rows: { article: number | string }[] = await this.questions
      .createQueryBuilder('q')
      .select('DISTINCT q.article', 'article')
      .where('q.regulationId = :rid', { rid: regulationId })
      .andWhere("q.status <> 'retired'")
      .andWhere('q.article IS NOT NULL')
      .getRawMany();
    return rows.map((r) => Number(r.article)).sort((a, b) => a - b);
  }

  /** A bank by id, or 404. */
  async findBank(bankId: number): Promise<QuestionBank> {
    const bank = await this.banks.findOne({ where: { id: bankId } });
    if (!bank) throw AppError.notFound('题库不存在');
    return bank;
  }

  private async bankDrafts(bankId: number) {
    const bank = await this.banks.findOne({ where: { id: bankId } });
    if (!bank) throw AppError.notFound('题库不存在');
    const qs = await this.questions.find({ where: { bankId }, order: { id: 'ASC' } });
    const live = qs.filter((q) => q.status !== 'retired');
    const revs = new Map(
      (await this.revisions.find({ where: { id: In(live.map((q) => q.currentRevisionId as number)) } })).map(
        (r) => [r.id, r],
      ),
    );
    const drafts = live.map((q) =>
      toDraft(revs.get(q.currentRevisionId as number) as QuestionRevision, q.status, q.key),
    );
    return { bank, drafts, ids: live.map((q) => q.id) };
  }

  async exportYaml(bankId: number): Promise<{ fileName: string; body: string }> {
    const { bank, drafts } = await this.bankDrafts(bankId);
    const meta = {
      code: bank.code,
      title: bank.title,
      curriculum: bank.curriculum as Curriculum,
      regulations: bank.regulations.split(',').filter(Boolean),
      ...(bank.description ? { description: bank.description } : {}),
      ...(bank.note ? { note: bank.note } : {}),
    };
    return { fileName: `${bank.code}.yaml`, body: await exportsInWorker.yaml(meta, drafts) };
  }

  async exportXlsx(bankId: number): Promise<{ fileName: string; body: Buffer }> {
    const { bank, drafts } = await this.bankDrafts(bankId);
    return { fileName: `${bank.code}.xlsx`, body: await exportsInWorker.xlsx(drafts) };
  }

  /** The numbered text format; 422 naming the question when one cannot be written so that it imports back as itself. */
  async exportText(bankId: number): Promise<{ fileName: string; body: string }> {
    const { bank, drafts, ids } = await this.bankDrafts(bankId);
    const r = await exportsInWorker.text(drafts);
    if (r.ok) return { fileName: `${bank.code}.txt`, body: r.body };
    const key = drafts[r.index].key;
    const which = `题目ID ${ids[r.index]}${key ? `（编号${key}）` : ''}`;
    throw AppError.unprocessable(`${which}：${r.message}。请修改该题，或改用YAML/Excel导出`, [
      { field: '题目', message: `${which}：${r.reason}` },
    ]);
  }

  /**
   * Approved, unflagged questions from documents in force, for drawing papers and checking blueprints. Cached per
   * process (every start draws from it): dropped on any change to questions, banks or regulations made through
   * this process, and after POOL_CACHE_MS for changes made by another. The rows are shared: never mutate them.
   */
  pool(source: PoolSource): Promise<PoolQuestionRow[]> {
    const key = JSON.stringify(source);
    const now = Date.now();
    const hit = this.pools.get(key);
    if (hit && hit.version === this.poolVersion && hit.expires > now) return hit.rows;
    const entry = { version: this.poolVersion, expires: now + POOL_CACHE_MS, rows: this.loadPool(source) };
    this.pools.set(key, entry);
    entry.rows.catch(() => {
      if (this.pools.get(key) === entry) this.pools.delete(key);
    });
    return entry.rows;
  }

  private async loadPool(source: PoolSource): Promise<PoolQuestionRow[]> {
    // Never test a repealed or superseded text (the catalogue says which; the regulation table is curriculum's).
    const repealed = await this.curriculum.repealedIds();
    const qb = this.questions
      .createQueryBuilder('q')
      .innerJoin(QuestionRevision, 'r', 'r.id = q.currentRevisionId')
      .innerJoin(QuestionBank, 'b', 'b.id = q.bankId')
      .select([
        'q.id AS id',
        'q.currentRevisionId AS "revisionId"',
        'q.type AS type',
        'q.difficulty AS difficulty',
        'r.options AS options',
      ])
      .where("q.status = 'approved'")
      .andWhere('q.needsReview = :nr', { nr: false });
    if (repealed.length)
      qb.andWhere('(q.regulationId IS NULL OR q.regulationId NOT IN (:...repealed))', { repealed });
    if (source.kind === 'curricula')
      qb.andWhere('b.curriculum IN (:...c)', { c: source.curricula.length ? source.curricula : ['-'] });
    if (source.kind === 'banks')
      qb.andWhere('q.bankId IN (:...ids)', { ids: source.bankIds.length ? source.bankIds : [-1] });
    if (source.kind === 'regulations')
      qb.andWhere('q.regulationId IN (:...ids)', {
        ids: source.regulationIds.length ? source.regulationIds : [-1],
      });
    const rows: {
      id: number;
      revisionId: number;
      type: QuestionType;
      difficulty: number;
      options: string;
    }[] = await qb.orderBy('q.id', 'ASC').getRawMany();
    return rows.map((r) => ({
      id: Number(r.id),
      revisionId: Number(r.revisionId),
      type: r.type,
      difficulty: Number(r.difficulty),
      optionKeys: (JSON.parse(r.options) as { key: OptionKey }[]).map((o) => o.key),
    }));
  }

  /** The ids of a bank's questions. */
  async idsInBank(bankId: number): Promise<number[]> {
    const rows = await this.questions.find({ where: { bankId }, select: { id: true }, order: { id: 'ASC' } });
    return rows.map((q) => q.id);
  }

  /** Exact revisions (for attempts: what the candidate saw). */
  async revisionsByIds(ids: number[]): Promise<Map<number, QuestionRevision>> {
    const out = new Map<number, QuestionRevision>();
    const missing: number[] = [];
    for (const id of ids) {
      const r = this.revisionCache.get(id);
      if (r) out.set(id, r);
      else missing.push(id);
    }
    if (!missing.length) return out;
    // Raw (EntityReader): TypeORM's find cost more than the statement for the ~100 revisions of a new paper.
    const rows = await (this.revisionReader ??= this.tx.reader(QuestionRevision)).byIds(missing);
    if (this.revisionCache.size + rows.length > REVISION_CACHE_SIZE) this.revisionCache.clear();
    for (const r of rows) {
      this.revisionCache.set(r.id, r);
      out.set(r.id, r);
    }
    return out;
  }
}
