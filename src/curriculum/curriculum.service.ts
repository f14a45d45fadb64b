import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { In, Repository } from 'typeorm';
import { APP_CONFIG } from '../common/app-config.module';
import type { AppConfig } from '../common/config';
import { AppError } from '../common/errors';
import { TxService } from '../database/tx.service';
import { Article } from './article.entity';
import {
  CatalogueEntry,
  CatalogueIssue,
  crossCheckCatalogue,
  normaliseRegulationName,
  parseCatalogue,
  REGULATION_STATUS_LABELS,
  statusOn,
  versionOn,
} from './catalogue';
import { splitLawText } from './law-text';
import { RegulationVersion } from './regulation-version.entity';
import { REGULATION_KIND_LABELS, Regulation } from './regulation.entity';

export class ContentError extends Error {}

export const today = (): string => new Date().toISOString().slice(0, 10);

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
          const latest = await verRepo.findOne({ where: { regulationId: id }, order: { seq: 'DESC' } });
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

  findByIds(ids: number[]): Promise<Regulation[]> {
    return ids.length ? this.regulations.find({ where: { id: In(ids) } }) : Promise.resolve([]);
  }

  async list(filter: { curriculum?: string; asOf?: string }) {
    const asOf = filter.asOf ?? today();
    const regs = await this.regulations.find({
      where: filter.curriculum ? { curriculum: filter.curriculum } : {},
      relations: { versions: true },
      order: { id: 'ASC' },
    });
    const byId = new Map(regs.map((r) => [r.id, r]));
    return regs.map((r) => this.toResponse(r, asOf, byId));
  }

  async getByCode(code: string) {
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
      ...this.toResponse(r, asOf, new Map(replacedBy ? [[replacedBy.id, replacedBy]] : [])),
      articles: articles.map((a) => ({
        number: a.number,
        label: a.label,
        part: a.part,
        chapter: a.chapter,
        section: a.section,
        text: a.text,
      })),
    };
  }

  async article(code: string, number: number) {
    const r = await this.regulations.findOne({ where: { code }, relations: { versions: true } });
    if (!r) throw AppError.notFound('法规不存在');
    const current = versionOn(r.versions ?? [], today());
    const a = current ? await this.articles.findOne({ where: { versionId: current.id, number } }) : null;
    if (!a) throw AppError.notFound('未收录该条文');
    return { regulation: r.title, code: r.code, version: current?.label, ...a };
  }

  private toResponse(r: Regulation, asOf: string, byId: Map<number, Regulation>) {
    const versions = [...(r.versions ?? [])].sort((a, b) => a.seq - b.seq);
    const status = statusOn(r, versions, asOf);
    const current = versionOn(versions, asOf);
    return {
      id: r.id,
      code: r.code,
      title: r.title,
      shortTitle: r.shortTitle,
      kind: r.kind,
      kindLabel: REGULATION_KIND_LABELS[r.kind],
      issuer: r.issuer,
      docNumber: r.docNumber,
      businessLine: r.curriculum === 'common' ? null : r.curriculum,
      curriculum: r.curriculum,
      status,
      statusLabel: REGULATION_STATUS_LABELS[status],
      repealedOn: r.repealedOn,
      replacedBy: r.replacedById ? (byId.get(r.replacedById)?.code ?? null) : null,
      repealNote: r.repealNote,
      note: r.note,
      currentVersion: current ? current.label : null,
      versions: versions.map((v) => ({
        seq: v.seq,
        label: v.label,
        adoptedOn: v.adoptedOn,
        effectiveOn: v.effectiveOn,
        note: v.note,
        excerpt: v.excerpt,
        articleCount: v.articleCount,
      })),
    };
  }
}
