import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { articleLabel } from '../common/chinese-numerals';
import { AppError } from '../common/errors';
import type { AuthUser } from '../common/roles';
import type { Upload } from '../common/upload';
import { affectedArticleNumbers, diffArticles } from '../curriculum/article-diff';
import { CurriculumService } from '../curriculum/curriculum.service';
import { parseVersionFields, RepealDto } from '../curriculum/dto/regulation.dto';
import { splitLawText } from '../curriculum/law-text';
import { readLawTextInWorker } from '../curriculum/law-upload';
import { TxService } from '../database/tx.service';
import { QuestionsService } from './questions.service';
import { repealReason, reviewFlags } from './review-reasons';
import type { RepealResponse, VersionUploadResponse } from './regulation-change.response';

/**
 * The law's 废、改、立 and what it means for the questions: a new version is split into articles and compared with
 * the previous text, and every question citing a changed, removed or renumbered article is flagged needs-review
 * (so it leaves papers) in the same transaction; a repeal flags every question of the document. Lives here
 * because it needs both the catalogue and the questions (the curriculum module cannot depend on question banks).
 */
@Injectable()
export class RegulationChangesService {
  constructor(
    private readonly curriculum: CurriculumService,
    private readonly questions: QuestionsService,
    private readonly audit: AuditService,
    private readonly tx: TxService,
  ) {}

  async addVersion(actor: AuthUser, code: string, upload: Upload): Promise<VersionUploadResponse> {
    const reg = await this.curriculum.requireByCode(code);
    const fields = parseVersionFields(upload.fields);
    if (!fields.value) throw AppError.badRequest('版本信息有误', fields.errors);
    const opts = fields.value;
    if (reg.versions.some((v) => v.label === opts.label))
      throw AppError.conflict(`《${reg.title}》已有版本“${opts.label}”`);
    const read = await readLawTextInWorker(upload.fileName, upload.data, upload.progress);
    if ('error' in read)
      throw new AppError(read.status, read.error, [{ field: 'file', message: read.error }]);
    const split = splitLawText(read.text, { excerpt: opts.excerpt });
    if (!split.ok)
      throw AppError.unprocessable(
        `${upload.fileName}：条文无法拆分（${split.errors.length} 处错误），未保存`,
        split.errors.map((e) => ({ line: e.line, message: e.message })),
      );

    const previous = await this.curriculum.previousText(reg.id);
    const diff = diffArticles(previous?.articles ?? [], split.articles);
    const flags = reviewFlags({
      title: reg.title,
      versionLabel: opts.label,
      diff,
      previousArticles: (previous?.articles ?? []).map((a) => a.number),
      citedArticles: await this.questions.citedArticles(reg.id),
      excerpt: opts.excerpt,
    });
    const summary = {
      regulation: { code: reg.code, title: reg.title },
      version: {
        label: opts.label,
        adoptedOn: opts.adoptedOn,
        effectiveOn: opts.effectiveOn,
        excerpt: opts.excerpt,
        articleCount: split.articles.length,
      },
      previousVersion: previous ? previous.version.label : null,
      diff: {
        unchanged: diff.unchanged.length,
        changed: diff.changed.map((c) => ({
          number: c.number,
          previousNumber: c.previousNumber,
          label: articleLabel(c.number),
        })),
        added: diff.added,
        removed: diff.removed,
        renumbered: diff.renumbered,
        affected: affectedArticleNumbers(diff),
      },
      reviews: flags,
    };
    if (opts.dryRun) return { dryRun: true, ...summary, flagged: 0 };

    const flagged = await this.tx.run(async (m) => {
      const version = await this.curriculum.writeVersion(m, reg.id, {
        label: opts.label,
        adoptedOn: opts.adoptedOn,
        effectiveOn: opts.effectiveOn,
        note: opts.note,
        excerpt: opts.excerpt,
        articles: split.articles,
      });
      let n = 0;
      for (const f of flags) n += await this.questions.flagCitingIn(m, reg.id, [f.article], f.reason);
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'regulation.version',
        entity: 'regulation',
        entityId: reg.id,
        detail: {
          code: reg.code,
          versionId: version.id,
          seq: version.seq,
          label: opts.label,
          effectiveOn: opts.effectiveOn,
          file: upload.fileName,
          articles: split.articles.length,
          affected: summary.diff.affected,
          flagged: n,
        },
      });
      return n;
    });
    return { dryRun: false, ...summary, flagged };
  }

  async repeal(actor: AuthUser, code: string, dto: RepealDto): Promise<RepealResponse> {
    const reg = await this.curriculum.requireByCode(code);
    let replacedBy: { id: number; title: string } | null = null;
    if (dto.replacedBy) {
      const id = await this.curriculum.resolveRegulationId(dto.replacedBy);
      const [r] = id ? await this.curriculum.findByIds([id]) : [];
      if (!r)
        throw AppError.badRequest(`替代文件“${dto.replacedBy}”不在法规目录中`, [
          { field: 'replacedBy', message: '不在法规目录中' },
        ]);
      if (r.id === reg.id) throw AppError.badRequest('文件不能被自身替代');
      replacedBy = { id: r.id, title: r.title };
    }
    const reason = repealReason({
      title: reg.title,
      repealedOn: dto.repealedOn,
      replacedBy: replacedBy?.title,
    });
    const flagged = await this.tx.run(async (m) => {
      await this.curriculum.writeRepeal(m, reg.id, {
        repealedOn: dto.repealedOn,
        replacedById: replacedBy?.id ?? null,
        note: dto.note ?? null,
      });
      const n = await this.questions.flagCitingIn(m, reg.id, undefined, reason);
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'regulation.repeal',
        entity: 'regulation',
        entityId: reg.id,
        detail: { code: reg.code, ...dto, flagged: n },
      });
      return n;
    });
    return { regulation: await this.curriculum.getByCode(code), flagged, reason };
  }
}
