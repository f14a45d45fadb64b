import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../common/decorators';
import { CertificatesService } from './certificates.service';

/** The public verification page printed on certificates: /verify/:number?code=… (outside the /api prefix). */
@ApiExcludeController()
@Public()
@Controller('verify')
export class VerifyPageController {
  constructor(private readonly certificates: CertificatesService) {}

  @Get(':number')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  page(@Param('number') number: string, @Query('code') code?: string) {
    return this.certificates.verifyPage(String(number).slice(0, 40), String(code ?? '').slice(0, 16));
  }
}
