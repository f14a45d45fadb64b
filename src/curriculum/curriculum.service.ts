import { Inject, Injectable, Logger } from '@nestjs/common';
import { localDay } from '../common/dates';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EntityManager, In, MoreThan, Repository } from 'typeorm';
import { APP_CONFIG } from '../common/app-config.module';
import type { AppConfig } from '../common/config';
import { AppError } from '../common/errors';
import type { AuthUser } from '../common/roles';
import { AuditService } from '../audit/audit.service';
import { TxService } from '../database/tx.service';
import { Article } from './article.entity';
import {
  CatalogueEntry,
  CatalogueIssue,
  crossCheckCatalogue,
  normaliseRegulationName,
  parseCatalogue,
  statusOn,
  versionOn,
} from './catalogue';
import { CreateRegulationDto } from './dto/regulation.dto';
import { LawArticle, splitLawText } from './law-text';
import { containsAll, ftsQuery, likePattern, trigramSearchable } from './search-text';
import { RegulationVersion } from './regulation-version.entity';
import {
  ArticleResponse,
  RegulationDetailResponse,
  RegulationResponse,
  toArticleResponse,
  toArticleTextResponse,
  toRegulationResponse,
} from './regulation.response';
import { REGULATION_KIND_LABELS, Regulation } from './regulation.entity';

export class ContentError extends Error {}

export const today = (): string => localDay();

export function formatIssues(issues: CatalogueIssue[]): string {
  return issues.map((i) => `${i.file}:${i.line}：${i.message}`).join('\n');
}

@Injectable()
export class CurriculumService {
  private readonly logger = new Logger('CurriculumService');
  private nameIndex: Map<string, number> | undefined;

  constructor(
    @InjectRepository(Regulation) private readonly regulations: Repository<Regulation>,
    @InjectRepository(RegulationVersion) private readonly versions: Repository<RegulationVersion>,
    @InjectRepository(Article) private readonly articles: Repository<Article>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TxService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Loads question-banks/catalogue into the database: documents by code, versions by order, and the text of the
   * current version split into articles. A bad file stops the start with its path, line and reason.
   */
  async loadCatalogue(): Promise<{ documents: number; articles: number }> {
    const dir = path.join(this.config.questionBanksDir, 'catalogue');
    if (!fs.existsSync(dir)) return { documents: 0, articles: 0 };
    const files = fs
      .readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort();
    const all: (CatalogueEntry & { file: string })[] = [];
    const issues: CatalogueIssue[] = [];
    for (const f of files) {
      const rel = path.join('question-banks', 'catalogue', f);
      const parsed = parseCatalogue(rel, fs.readFileSync(path.join(dir, f), 'utf8'));
      issues.push(...parsed.issues);
      all.push(...parsed.entries.map((e) => ({ ...e, file: rel })));
    }
    issues.push(...crossCheckCatalogue(all));
    const texts = new Map<string, ReturnType<typeof splitLawText>>();
    for (const e of all) {
      if (!e.text) continue;
      const file = path.join(dir, 'texts', e.text);
      if (!fs.existsSync(file)) {
        issues.push({ file: e.file, line: e.line, message: `条文文件 texts/${e.text} 不存在` });
        continue;
      }
      const split = splitLawText(fs.readFileSync(file, 'utf8'), { excerpt: e.excerpt });
      if (!split.ok) {
        for (const err of split.errors)
          issues.push({
            file: path.join('question-banks', 'catalogue', 'texts', e.text),
            line: err.line,
            message: err.message,
          });
      }
      texts.set(e.code, split);
    }
    if (issues.length) throw new ContentError(`法规目录有错误，未加载：\n${formatIssues(issues)}`);

    let articleCount = 0;
    await this.tx.run(async (m) => {
      const regRepo = m.getRepository(Regulation);
      const verRepo = m.getRepository(RegulationVersion);
      const artRepo = m.getRepository(Article);
      const ids = new Map<string, number>();
      for (const e of all) {
        const fields = {
          code: e.code,
          title: e.title,
          shortTitle: e.shortTitle ?? null,
          aliases: e.aliases.length ? `,${e.aliases.join(',')},` : '',
          kind: e.kind,
          issuer: e.issuer ?? null,
          docNumber: e.docNumber ?? null,
          curriculum: e.curriculum,
          repealed: Boolean(e.repealed),
          repealedOn: e.repealed?.date ?? null,
          repealNote: e.repealed?.note ?? null,
          note: e.note ?? null,
          source: 'repo',
        };
        const existing = await regRepo.findOne({ where: { code: e.code } });
        // a repeal recorded by a trainer (POST …/repeal) is never undone by a catalogue that does not know it yet
        if (existing?.repealed && !e.repealed) {
          fields.repealed = true;
          fields.repealedOn = existing.repealedOn;
          fields.repealNote = existing.repealNote;
        }
        const id = existing
          ? (await regRepo.update(existing.id, fields), existing.id)
          : (await regRepo.save(regRepo.create(fields))).id;
        ids.set(e.code, id);
        for (const [i, v] of e.versions.entries()) {
          const vf = {
            regulationId: id,
            seq: i + 1,
            label: v.label,
            adoptedOn: v.adopted ?? null,
            effectiveOn: v.effective ?? null,
            note: v.note ?? null,
          };
          const ev = await verRepo.findOne({ where: { regulationId: id, seq: i + 1 } });
          if (ev) await verRepo.update(ev.id, vf);
          else await verRepo.save(verRepo.create(vf));
        }
        const split = texts.get(e.code);
        if (split?.ok) {
          // the catalogue's own last version: a later version uploaded by a trainer keeps its text
          const latest = await verRepo.findOne({ where: { regulationId: id, seq: e.versions.length } });
          if (!latest) continue;
          const textHash = createHash('sha256').update(JSON.stringify(split.articles)).digest('hex');
          articleCount += split.articles.length;
          if (latest.textHash === textHash && latest.excerpt === e.excerpt) continue;
          await artRepo.delete({ versionId: latest.id });
          const rows = split.articles.map((a) =>
            artRepo.create({
              regulationId: id,
              versionId: latest.id,
              number: a.number,
              label: a.label,
              part: a.part ?? null,
              chapter: a.chapter ?? null,
              section: a.section ?? null,
              text: a.text,
            }),
          );
          for (let k = 0; k < rows.length; k += 100) await artRepo.insert(rows.slice(k, k + 100));
          await verRepo.update(latest.id, { excerpt: e.excerpt, articleCount: rows.length, textHash });
        }
      }
      for (const e of all) {
        if (e.repealed?.replacedBy)
          await regRepo.update(ids.get(e.code) as number, {
            replacedById: ids.get(e.repealed.replacedBy) ?? null,
          });
      }
    });
    this.nameIndex = undefined;
    this.logger.log(`法规目录：${all.length} 件文件，${articleCount} 条条文`);
    return { documents: all.length, articles: articleCount };
  }

  /** Resolves a name as trainers write it (code, title, short title, alias; with or without 《》 and 中华人民共和国). */
  async resolveRegulationId(name: string): Promise<number | undefined> {
    if (!this.nameIndex) {
      const index = new Map<string, number>();
      for (const r of await this.regulations.find()) {
        for (const n of [r.code, r.title, r.shortTitle ?? '', ...r.aliases.split(',')]) {
          if (n) index.set(normaliseRegulationName(n), r.id);
        }
      }
      this.nameIndex = index;
    }
    return this.nameIndex.get(normaliseRegulationName(name));
  }

  invalidateNames(): void {
    this.nameIndex = undefined;
  }

  /** Ids of the documents marked repealed (废止). */
  async repealedIds(): Promise<number[]> {
    const rows = await this.regulations.find({ where: { repealed: true }, select: { id: true } });
    return rows.map((r) => r.id);
  }

  findByIds(ids: number[]): Promise<Regulation[]> {
    return ids.length ? this.regulations.find({ where: { id: In(ids) } }) : Promise.resolve([]);
  }

  async list(filter: { curriculum?: string; asOf?: string }): Promise<RegulationResponse[]> {
    const asOf = filter.asOf ?? today();
    const regs = await this.regulations.find({
      where: filter.curriculum ? { curriculum: filter.curriculum } : {},
      relations: { versions: true },
      order: { id: 'ASC' },
    });
    const byId = new Map(regs.map((r) => [r.id, r]));
    return regs.map((r) => toRegulationResponse(r, asOf, byId));
  }

  async getByCode(code: string): Promise<RegulationDetailResponse> {
    const r = await this.regulations.findOne({ where: { code }, relations: { versions: true } });
    if (!r) throw AppError.notFound('法规不存在');
    const replacedBy = r.replacedById
      ? await this.regulations.findOne({ where: { id: r.replacedById } })
      : null;
    const asOf = today();
    const current = versionOn(r.versions ?? [], asOf);
    const articles = current
      ? await this.articles.find({ where: { versionId: current.id }, order: { number: 'ASC' } })
      : [];
    return {
      ...toRegulationResponse(r, asOf, new Map(replacedBy ? [[replacedBy.id, replacedBy]] : [])),
      articles: articles.map(toArticleTextResponse),
    };
  }

  async article(code: string, number: number): Promise<ArticleResponse> {
    const r = await this.regulations.findOne({ where: { code }, relations: { versions: true } });
    if (!r) throw AppError.notFound('法规不存在');
    const current = versionOn(r.versions ?? [], today());
    const a = current ? await this.articles.findOne({ where: { versionId: current.id, number } }) : null;
    if (!a) throw AppError.notFound('未收录该条文');
    return toArticleResponse(r, current?.label, a);
  }

  // ---- catalogue changes (废、改、立) -------------------------------------------------------------------------

  /** A document with its versions, or 404. */
  async requireByCode(code: string): Promise<Regulation & { versions: RegulationVersion[] }> {
    const r = await this.regulations.findOne({ where: { code }, relations: { versions: true } });
    if (!r) throw AppError.notFound('法规不存在');
    r.versions = [...(r.versions ?? [])].sort((a, b) => a.seq - b.seq);
    return r as Regulation & { versions: RegulationVersion[] };
  }

  /** 立: a new document, without versions yet (upload one with POST …/versions). */
  async createRegulation(actor: AuthUser, dto: CreateRegulationDto): Promise<RegulationDetailResponse> {
    if (await this.regulations.findOne({ where: { code: dto.code } }))
      throw AppError.conflict(`法规编码“${dto.code}”已存在`);
    await this.tx.run(async (m) => {
      const repo = m.getRepository(Regulation);
      const saved = await repo.save(
        repo.create({
          code: dto.code,
          title: dto.title,
          shortTitle: dto.shortTitle ?? null,
          aliases: dto.aliases?.length ? `,${dto.aliases.join(',')},` : '',
          kind: dto.kind,
          issuer: dto.issuer ?? null,
          docNumber: dto.docNumber ?? null,
          curriculum: dto.curriculum,
          note: dto.note ?? null,
          source: 'user',
        }),
      );
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'regulation.create',
        entity: 'regulation',
        entityId: saved.id,
        detail: dto,
      });
    });
    this.nameIndex = undefined;
    return this.getByCode(dto.code);
  }

  /** The latest version that has a text (articles), with its articles: what a new version is compared with. */
  async previousText(
    regulationId: number,
  ): Promise<{ version: RegulationVersion; articles: Article[] } | null> {
    const version = await this.versions.findOne({
      where: { regulationId, articleCount: MoreThan(0) },
      order: { seq: 'DESC' },
    });
    if (!version) return null;
    const articles = await this.articles.find({ where: { versionId: version.id }, order: { number: 'ASC' } });
    return { version, articles };
  }

  /** 改: writes a new version and its articles inside the caller's transaction. */
  async writeVersion(
    m: EntityManager,
    regulationId: number,
    input: {
      label: string;
      adoptedOn?: string | null;
      effectiveOn?: string | null;
      note?: string | null;
      excerpt: boolean;
      articles: LawArticle[];
    },
  ): Promise<RegulationVersion> {
    const verRepo = m.getRepository(RegulationVersion);
    const last = await verRepo.findOne({ where: { regulationId }, order: { seq: 'DESC' } });
    const version = await verRepo.save(
      verRepo.create({
        regulationId,
        seq: (last?.seq ?? 0) + 1,
        label: input.label,
        adoptedOn: input.adoptedOn ?? null,
        effectiveOn: input.effectiveOn ?? null,
        note: input.note ?? null,
        excerpt: input.excerpt,
        articleCount: input.articles.length,
        textHash: createHash('sha256').update(JSON.stringify(input.articles)).digest('hex'),
      }),
    );
    const artRepo = m.getRepository(Article);
    const rows = input.articles.map((a) =>
      artRepo.create({
        regulationId,
        versionId: version.id,
        number: a.number,
        label: a.label,
        part: a.part ?? null,
        chapter: a.chapter ?? null,
        section: a.section ?? null,
        text: a.text,
      }),
    );
    for (let k = 0; k < rows.length; k += 100) await artRepo.insert(rows.slice(k, k + 100));
    return version;
  }

  /** 废: records the repeal inside the caller's transaction. */
  async writeRepeal(
    m: EntityManager,
    regulationId: number,
    input: { repealedOn: string; replacedById: number | null; note: string | null },
  ): Promise<void> {
    await m.getRepository(Regulation).update(regulationId, {
      repealed: true,
      repealedOn: input.repealedOn,
      replacedById: input.replacedById,
      repealNote: input.note,
    });
  }

  // ---- reading and search ---------------------------------------------------------------------------------------

  /** For each document, the version in force on a date. */
  async versionsInForce(asOf: string, regulationIds?: number[]): Promise<Map<number, RegulationVersion>> {
    const rows = await this.versions.find({
      where: regulationIds ? { regulationId: In(regulationIds.length ? regulationIds : [-1]) } : {},
    });
    const byReg = new Map<number, RegulationVersion[]>();
    for (const v of rows) byReg.set(v.regulationId, [...(byReg.get(v.regulationId) ?? []), v]);
    const out = new Map<number, RegulationVersion>();
    for (const [id, vs] of byReg) {
      const v = versionOn(vs, asOf);
      if (v) out.set(id, v);
    }
    return out;
  }

  /** The articles of some versions, in order. */
  async articlesOfVersions(versionIds: number[]): Promise<Article[]> {
    if (!versionIds.length) return [];
    return this.articles.find({
      where: { versionId: In(versionIds) },
      order: { regulationId: 'ASC', number: 'ASC' },
    });
  }

  /**
   * Documents whose title matches, and articles of the version in force today whose text contains every term.
   * SQLite: the article_fts table (FTS5, trigram tokenizer) for terms of 3+ characters, LIKE otherwise;
   * PostgreSQL: ILIKE, served by the pg_trgm index.
   */
  async search(terms: string[]): Promise<{
    regulations: Regulation[];
    articles: (Article & { regulation: Regulation })[];
  }> {
    if (!terms.length) return { regulations: [], articles: [] };
    const qb = this.articles.createQueryBuilder('a');
    if (this.tx.isSqlite && trigramSearchable(terms)) {
      qb.where('a.id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH :q)', { q: ftsQuery(terms) });
    } else {
      const op = this.tx.isSqlite ? 'LIKE' : 'ILIKE';
      terms.forEach((t, i) => qb.andWhere(`a.text ${op} :t${i} ESCAPE '\\'`, { [`t${i}`]: likePattern(t) }));
    }
    // three independent reads (no transaction), in parallel
    const [regs, found, current] = await Promise.all([
      this.regulations.find({ order: { id: 'ASC' } }),
      qb.orderBy('a.regulationId', 'ASC').addOrderBy('a.number', 'ASC').getMany(),
      this.versionsInForce(today()),
    ]);
    const byId = new Map(regs.map((r) => [r.id, r]));
    const regulations = regs.filter((r) =>
      containsAll([r.title, r.shortTitle ?? '', r.aliases].join(' '), terms),
    );
    const rows = found.filter((a) => current.get(a.regulationId)?.id === a.versionId);
    return {
      regulations,
      articles: rows
        .filter((a) => byId.has(a.regulationId))
        .map((a) => Object.assign(a, { regulation: byId.get(a.regulationId) as Regulation })),
    };
  }

  /** Documents in force on a date (optionally of one curriculum), with the version in force and its articles. */
  async inForce(asOf: string, curriculum?: string) {
    const regs = await this.regulations.find({
      where: curriculum ? { curriculum } : {},
      relations: { versions: true },
      order: { curriculum: 'ASC', id: 'ASC' },
    });
    const docs = regs.filter((r) => statusOn(r, r.versions ?? [], asOf) === 'in-force');
    const versions = new Map(
      docs.map((r) => [r.id, versionOn(r.versions ?? [], asOf)] as const).filter((x) => !!x[1]) as [
        number,
        RegulationVersion,
      ][],
    );
    const articles = await this.articlesOfVersions([...versions.values()].map((v) => v.id));
    return docs.map((r) => ({
      regulation: r,
      kindLabel: REGULATION_KIND_LABELS[r.kind],
      version: versions.get(r.id) ?? null,
      articles: articles.filter((a) => a.versionId === versions.get(r.id)?.id),
    }));
  }
}
