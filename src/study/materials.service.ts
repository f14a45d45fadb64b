import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CURRICULUM_LABELS, decodeLines, type Curriculum } from '../common/business-lines';
import { AppError } from '../common/errors';
import type { AuthUser } from '../common/roles';
import { CurriculumService, today } from '../curriculum/curriculum.service';
import { REGULATION_KIND_LABELS } from '../curriculum/regulation.entity';
import {
  ftsQuery,
  highlightSnippet,
  likePattern,
  searchTerms,
  trigramSearchable,
} from '../curriculum/search-text';
import { TxService } from '../database/tx.service';
import { UsersService } from '../identity/users.service';
import { Compilation, renderCompilationHtml } from './compilation';
import { DEMO_CASES } from './demo-cases';
import { ArticleRefDto, CreateMaterialDto, UpdateMaterialDto } from './dto/study.dto';
import {
  MaterialGroupResponse,
  MaterialResponse,
  MaterialSummaryResponse,
  SearchHitResponse,
  SearchResultResponse,
} from './material.response';
import { MATERIAL_KIND_LABELS, StudyMaterial } from './study-material.entity';

interface ArticleRef {
  regulationId: number;
  article: number;
}

export type SearchHit = SearchHitResponse;

const curriculumLabel = (c: string) => CURRICULUM_LABELS[c as keyof typeof CURRICULUM_LABELS] ?? c;

/** Study materials (cases, internal rules, notes), full-text search over them and the law texts, compilations. */
@Injectable()
export class MaterialsService {
  private readonly logger = new Logger('MaterialsService');

  constructor(
    @InjectRepository(StudyMaterial) private readonly materials: Repository<StudyMaterial>,
    private readonly curriculum: CurriculumService,
    private readonly users: UsersService,
    private readonly tx: TxService,
    private readonly audit: AuditService,
  ) {}

  /** Everything to study, with the caller's own business lines first (from their account). */
  async overviewFor(user: AuthUser): Promise<MaterialGroupResponse[]> {
    const me = await this.users.findById(user.id);
    return this.overview(me ? decodeLines(me.businessLines) : []);
  }

  /** Everything to study, grouped by curriculum: the common curriculum first, then the caller's own lines. */
  async overview(lines: string[]): Promise<MaterialGroupResponse[]> {
    const [regs, mats] = await Promise.all([
      this.curriculum.list({}),
      this.materials.find({ order: { curriculum: 'ASC', kind: 'ASC', id: 'ASC' } }),
    ]);
    const byCode = new Map(regs.map((r) => [r.code, { code: r.code, title: r.title }]));
    const curricula = Object.keys(CURRICULUM_LABELS);
    const order = (c: string) => (c === 'common' ? 0 : lines.includes(c) ? 1 : 2);
    return curricula
      .sort((a, b) => order(a) - order(b) || curricula.indexOf(a) - curricula.indexOf(b))
      .map((c) => ({
        curriculum: c as Curriculum,
        label: curriculumLabel(c),
        assigned: c === 'common' || lines.includes(c),
        regulations: regs
          .filter((r) => r.curriculum === c)
          .map((r) => ({
            code: r.code,
            title: r.title,
            kind: r.kind,
            kindLabel: r.kindLabel,
            status: r.status,
            statusLabel: r.statusLabel,
            currentVersion: r.currentVersion,
            excerpt: r.excerpt,
            articleCount: r.articleCount,
            totalArticles: r.totalArticles,
            repealedOn: r.repealedOn,
            replacedBy: r.replacedBy ? (byCode.get(r.replacedBy) ?? null) : null,
          })),
        materials: mats.filter((m) => m.curriculum === c).map((m) => this.toSummary(m)),
      }));
  }

  async get(id: number): Promise<MaterialResponse> {
    const m = await this.materials.findOne({ where: { id } });
    if (!m) throw AppError.notFound('学习资料不存在');
    return this.toResponse(m);
  }

  async exists(id: number): Promise<boolean> {
    return (await this.materials.count({ where: { id } })) > 0;
  }

  /** Material ids that exist, from a list. */
  async existingIds(ids: number[]): Promise<number[]> {
    if (!ids.length) return [];
    const rows = await this.materials.find({ select: { id: true } });
    const known = new Set(rows.map((r) => r.id));
    return ids.filter((i) => known.has(i));
  }

  async create(actor: AuthUser, dto: CreateMaterialDto) {
    const articles = await this.resolveArticles(dto.articles ?? []);
    const saved = await this.tx.run(async (m) => {
      const repo = m.getRepository(StudyMaterial);
      const row = await repo.save(
        repo.create({
          kind: dto.kind,
          title: dto.title,
          curriculum: dto.curriculum,
          body: dto.body,
          articles: JSON.stringify(articles),
          sample: false,
          createdBy: actor.id,
        }),
      );
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'material.create',
        entity: 'study_material',
        entityId: row.id,
        detail: { kind: dto.kind, title: dto.title, curriculum: dto.curriculum },
      });
      return row;
    });
    return this.get(saved.id);
  }

  async update(actor: AuthUser, id: number, dto: UpdateMaterialDto) {
    await this.get(id);
    const patch: Partial<StudyMaterial> = {};
    if (dto.kind !== undefined) patch.kind = dto.kind;
    if (dto.title !== undefined) patch.title = dto.title;
    if (dto.curriculum !== undefined) patch.curriculum = dto.curriculum;
    if (dto.body !== undefined) patch.body = dto.body;
    if (dto.articles !== undefined) patch.articles = JSON.stringify(await this.resolveArticles(dto.articles));
    await this.tx.run(async (m) => {
      await m.getRepository(StudyMaterial).update(id, patch);
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'material.update',
        entity: 'study_material',
        entityId: id,
        detail: { fields: Object.keys(patch) },
      });
    });
    return this.get(id);
  }

  async remove(actor: AuthUser, id: number) {
    await this.get(id);
    await this.tx.run(async (m) => {
      await m.getRepository(StudyMaterial).delete(id);
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'material.delete',
        entity: 'study_material',
        entityId: id,
      });
    });
  }

  /**
   * Full-text search over document titles, the articles in force and the materials, with highlighted snippets
   * (<mark>…</mark>, the rest HTML-escaped). Regulations first, then articles, then materials.
   */
  async search(q: string, limit = 20, offset = 0): Promise<SearchResultResponse> {
    const terms = searchTerms(q ?? '');
    if (!terms.length) throw AppError.badRequest('请输入检索词', [{ field: 'q', message: '不能为空' }]);
    const qb = this.materials.createQueryBuilder('m');
    if (this.tx.isSqlite && trigramSearchable(terms)) {
      qb.where('m.id IN (SELECT rowid FROM study_material_fts WHERE study_material_fts MATCH :q)', {
        q: ftsQuery(terms),
      });
    } else {
      const op = this.tx.isSqlite ? 'LIKE' : 'ILIKE';
      terms.forEach((t, i) =>
        qb.andWhere(`(m.title ${op} :t${i} ESCAPE '\\' OR m.body ${op} :t${i} ESCAPE '\\')`, {
          [`t${i}`]: likePattern(t),
        }),
      );
    }
    const [found, mats] = await Promise.all([
      this.curriculum.search(terms),
      qb.orderBy('m.id', 'ASC').getMany(),
    ]);
    const hits: SearchHit[] = [
      ...found.regulations.map((r) => ({
        kind: 'regulation' as const,
        regulation: { code: r.code, title: r.title },
        title: r.title,
        // The title is the hit's heading: the snippet says what the document is (kind, issuer, number).
        snippet: highlightSnippet(
          [REGULATION_KIND_LABELS[r.kind], r.issuer, r.docNumber, r.shortTitle ? `简称${r.shortTitle}` : null]
            .filter(Boolean)
            .join(' · '),
          terms,
          100,
        ),
      })),
      ...found.articles.map((a) => ({
        kind: 'article' as const,
        regulation: { code: a.regulation.code, title: a.regulation.title },
        article: a.number,
        title: `《${a.regulation.shortTitle ?? a.regulation.title}》${a.label}`,
        snippet: highlightSnippet(a.text, terms),
      })),
      ...mats.map((m) => ({
        kind: m.kind,
        regulation: null,
        materialId: m.id,
        title: `${MATERIAL_KIND_LABELS[m.kind]}｜${m.title}`,
        snippet: highlightSnippet(`${m.title}\u3000${m.body}`, terms),
      })),
    ];
    return { total: hits.length, hits: hits.slice(offset, offset + limit) };
  }

  /** The documents in force on a date (optionally of one curriculum), with the texts the platform holds. */
  async compilation(asOf?: string, curriculum?: string): Promise<Compilation> {
    const date = asOf ?? today();
    const docs = await this.curriculum.inForce(date, curriculum);
    return {
      title: curriculum ? `政策法规文件选编（${curriculumLabel(curriculum)}）` : '政策法规文件选编',
      asOf: date,
      scopeLabel: curriculum ? curriculumLabel(curriculum) : '共同科目及全部业务条线',
      documents: docs.map((d) => ({
        title: d.regulation.title,
        kindLabel: d.kindLabel,
        issuer: d.regulation.issuer,
        docNumber: d.regulation.docNumber,
        curriculumLabel: curriculumLabel(d.regulation.curriculum),
        version: d.version?.label ?? null,
        effectiveOn: d.version?.effectiveOn ?? null,
        excerpt: d.version?.excerpt ?? false,
        articles: d.articles.map((a) => ({ label: a.label, chapter: a.chapter, text: a.text })),
      })),
    };
  }

  async compilationHtml(asOf?: string, curriculum?: string): Promise<string> {
    return renderCompilationHtml(await this.compilation(asOf, curriculum));
  }

  /** Index rows for the .xlsx: one per document, with the count in the sheet's last row. */
  async compilationIndex(asOf?: string, curriculum?: string) {
    const c = await this.compilation(asOf, curriculum);
    const rows: unknown[][] = c.documents.map((d, i) => [
      i + 1,
      d.title,
      d.kindLabel,
      d.issuer ?? '',
      d.docNumber ?? '',
      d.curriculumLabel,
      d.version ?? '',
      d.effectiveOn ?? '',
      d.articles.length ? `${d.articles.length}${d.excerpt ? '（节选）' : ''}` : '未收录',
    ]);
    rows.push([], [`截至 ${c.asOf} 现行有效文件共 ${c.documents.length} 件`]);
    return {
      title: c.title,
      asOf: c.asOf,
      count: c.documents.length,
      headers: ['序号', '文件名称', '类别', '制定机关', '文号', '条线', '现行版本', '施行日期', '收录条文'],
      rows,
    };
  }

  /** Demo cases (示例), tied to articles of the seeded texts. Idempotent by title. */
  async seedDemoCases(): Promise<void> {
    const existing = new Set((await this.materials.find({ where: { sample: true } })).map((m) => m.title));
    const todo = DEMO_CASES.filter((c) => !existing.has(c.title));
    if (!todo.length) return;
    const rows: Partial<StudyMaterial>[] = [];
    for (const c of todo) {
      const articles = await this.resolveArticles(c.articles, false);
      rows.push({
        kind: 'case',
        title: c.title,
        curriculum: c.curriculum,
        body: c.body,
        articles: JSON.stringify(articles),
        sample: true,
        createdBy: null,
      });
    }
    await this.tx.run((m) => m.getRepository(StudyMaterial).insert(rows));
    this.logger.log(`示例案例：${rows.length} 件`);
  }

  private async resolveArticles(refs: ArticleRefDto[], strict = true): Promise<ArticleRef[]> {
    const out: ArticleRef[] = [];
    for (const [i, ref] of refs.entries()) {
      const regulationId = await this.curriculum.resolveRegulationId(ref.regulation);
      if (!regulationId) {
        if (!strict) continue;
        throw AppError.badRequest(`法规“${ref.regulation}”不在法规目录中`, [
          { field: `articles[${i}].regulation`, message: '不在法规目录中' },
        ]);
      }
      out.push({ regulationId, article: ref.article });
    }
    return out;
  }

  private async articleRefs(json: string) {
    const refs = JSON.parse(json) as ArticleRef[];
    const regs = new Map(
      (await this.curriculum.findByIds([...new Set(refs.map((r) => r.regulationId))])).map((r) => [r.id, r]),
    );
    return refs
      .filter((r) => regs.has(r.regulationId))
      .map((r) => {
        const reg = regs.get(r.regulationId)!;
        return { regulation: { code: reg.code, title: reg.title }, article: r.article };
      });
  }

  private toSummary(m: StudyMaterial): MaterialSummaryResponse {
    return {
      id: m.id,
      kind: m.kind,
      kindLabel: MATERIAL_KIND_LABELS[m.kind],
      title: m.title,
      curriculum: m.curriculum as Curriculum,
      sample: m.sample,
    };
  }

  private async toResponse(m: StudyMaterial): Promise<MaterialResponse> {
    return {
      ...this.toSummary(m),
      curriculumLabel: curriculumLabel(m.curriculum),
      body: m.body,
      articles: await this.articleRefs(m.articles),
      updatedAt: m.updatedAt,
    };
  }
}
