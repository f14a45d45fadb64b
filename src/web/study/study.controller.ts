import { Get, Param, Query, Res } from '@nestjs/common';
import { CurrentUser } from '../../common/decorators';
import type { AuthUser } from '../../common/roles';
import { CurriculumService } from '../../curriculum/curriculum.service';
import { PracticeService } from '../../exams/practice.service';
import { MaterialsService } from '../../study/materials.service';
import { render, type Reply } from '../shared/page';
import { Id, PageController } from '../shared/page.guard';
import { load } from '../shared/section';
import { notebookPage, practicePage } from './practice.pages';
import { casesPage, libraryPage, materialPage, readingPage, searchPage } from './study.pages';

const SEARCH_PAGE_SIZE = 20;

/** 学法: the library by curriculum, cases, search, reading (study hours), practice and the notebook. */
@PageController()
export class StudyPagesController {
  constructor(
    private readonly materials: MaterialsService,
    private readonly curriculum: CurriculumService,
    private readonly practice: PracticeService,
  ) {}

  @Get('app/study')
  async library(@CurrentUser() user: AuthUser, @Res() reply: Reply) {
    render(reply, '学法', libraryPage(await this.materials.overviewFor(user)), { active: '/app/study' });
  }

  @Get('app/study/cases')
  async cases(@CurrentUser() user: AuthUser, @Res() reply: Reply) {
    render(reply, '案例与资料', casesPage(await this.materials.overviewFor(user)), { active: '/app/study' });
  }

  @Get('app/study/search')
  async search(@Res() reply: Reply, @Query('q') q = '', @Query('offset') offsetParam?: string) {
    const query = String(q).trim().slice(0, 100);
    if (!query) return reply.redirect('/app/study', 303);
    const offset = offsetParam && /^\d{1,5}$/.test(offsetParam) ? Number(offsetParam) : 0;
    const found = await load(this.materials.search(query, SEARCH_PAGE_SIZE, offset));
    render(reply, `搜索：${query}`, searchPage(query, found, offset, SEARCH_PAGE_SIZE), {
      active: '/app/study',
    });
  }

  @Get('app/study/materials/:id')
  async material(@Res() reply: Reply, @Id() id: number) {
    const m = await this.materials.get(id);
    render(reply, m.title, materialPage(m), { active: '/app/study', scripts: ['study.js'] });
  }

  @Get('app/study/:code')
  async read(@Res() reply: Reply, @Param('code') code: string) {
    const r = await this.curriculum.getByCode(code);
    // A repealed document names what replaced it, by title and with a link.
    const next = r.replacedBy ? await load(this.curriculum.getByCode(r.replacedBy)) : null;
    const replacedBy = next?.ok ? { code: next.value.code, title: next.value.title } : null;
    render(reply, r.title, readingPage(r, replacedBy), { active: '/app/study', scripts: ['study.js'] });
  }

  @Get('app/practice')
  practicePage(
    @Res() reply: Reply,
    @Query('notebook') notebook?: string,
    @Query('question') question?: string,
  ) {
    const one = question && /^\d{1,9}$/.test(question) ? Number(question) : undefined;
    render(reply, '练习', practicePage(notebook === '1' || one !== undefined, one), {
      active: '/app/practice',
      scripts: ['practice.js'],
    });
  }

  @Get('app/notebook')
  async notebook(@CurrentUser() user: AuthUser, @Res() reply: Reply) {
    render(reply, '错题本', notebookPage(await this.practice.notebook(user)), { active: '/app/notebook' });
  }
}
