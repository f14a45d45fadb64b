import { importOptions } from '../common/imports';
import {
  Body,
  Controller,
  Get,
  Header,
  Inject,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { attachment } from '../common/download';
import { ApiFile, ApiUpload, XLSX } from '../common/openapi';
import { APP_CONFIG } from '../common/app-config.module';
import type { AppConfig } from '../common/config';
import { CurrentUser, Public, Roles } from '../common/decorators';
import { ACCESS, type AuthUser } from '../common/roles';
import { readUpload } from '../common/upload';
import { CertificateImportService } from './certificate-import.service';
import { CertificatesService } from './certificates.service';
import {
  ListCertificatesQuery,
  RegisterCertificateDto,
  RenewCertificateDto,
  StatusChangeDto,
  VerifyQuery,
} from './dto/certificate.dto';

type Reply = { header: (k: string, v: string) => Reply };
type Req = { protocol?: string; hostname?: string; headers: Record<string, string | undefined> };
const originOf = (req: Req) =>
  `${req.protocol ?? 'http'}://${req.headers.host ?? req.hostname ?? 'localhost'}`;

@ApiTags('certificates')
@ApiBearerAuth()
@Controller('certificates')
export class CertificatesController {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly registerImport: CertificateImportService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Public: confirms a certificate number + verification code; answers validity and a masked name only. */
  @Public()
  @Get('verify')
  verify(@Query() q: VerifyQuery) {
    return this.certificates.verify(q.number, q.code);
  }

  @Get('mine')
  mine(@CurrentUser() user: AuthUser) {
    return this.certificates.mine(user);
  }

  @Roles(...ACCESS.managers)
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: ListCertificatesQuery) {
    return this.certificates.list(user, q);
  }

  @Roles(...ACCESS.managers)
  @ApiFile(XLSX, '证书登记导入模板')
  @Get('template.xlsx')
  @Header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Header('Content-Disposition', attachment('证书登记模板.xlsx'))
  async template() {
    return new StreamableFile(await this.registerImport.template());
  }

  @Roles(...ACCESS.managers)
  @Post('import')
  @ApiUpload('证书登记表（.xlsx 或 .csv）')
  @ApiQuery({ name: 'dryRun', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'mode', required: false, enum: ['all', 'valid'] })
  async import(
    @CurrentUser() user: AuthUser,
    @Req() req: unknown,
    @Query('dryRun') dryRun?: string,
    @Query('mode') mode?: string,
  ) {
    const upload = await readUpload(req, this.config.maxUploadBytes);
    return this.registerImport.import(user, upload, importOptions(dryRun, mode));
  }

  @Roles(...ACCESS.managers)
  @Post()
  register(@CurrentUser() user: AuthUser, @Body() dto: RegisterCertificateDto) {
    return this.certificates.register(user, dto);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.certificates.get(user, id);
  }

  /** Printable certificate (HTML, A4) for the holder and their managers. */
  @ApiFile('text/html', '可打印的证书（A4，含核验码）')
  @Get(':id/print')
  async print(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Req() req: Req,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    const html = await this.certificates.printPage(user, id, originOf(req));
    // Set only on success, so an error still goes out as JSON.
    reply.header('Content-Type', 'text/html; charset=utf-8');
    return html;
  }

  @Roles(...ACCESS.managers)
  @Post(':id/suspend')
  suspend(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() dto: StatusChangeDto,
  ) {
    return this.certificates.changeStatus(user, id, 'suspend', dto.reason);
  }

  @Roles(...ACCESS.managers)
  @Post(':id/revoke')
  revoke(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Body() dto: StatusChangeDto) {
    return this.certificates.changeStatus(user, id, 'revoke', dto.reason);
  }

  @Roles(...ACCESS.managers)
  @Post(':id/reinstate')
  reinstate(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() dto: StatusChangeDto,
  ) {
    return this.certificates.changeStatus(user, id, 'reinstate', dto.reason);
  }

  @Roles(...ACCESS.managers)
  @Post(':id/renew')
  renew(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() dto: RenewCertificateDto,
  ) {
    return this.certificates.renew(user, id, dto);
  }
}
