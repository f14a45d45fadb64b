import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Public } from '../common/decorators';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

/** The CSS and the few plain-JS files, from src/web/assets (dist/web/assets after `nest build`). */
@ApiExcludeController()
@Public()
@Controller('app/assets')
export class AssetsController {
  private readonly dir = path.join(__dirname, 'assets');
  private readonly cache = new Map<string, Buffer>();

  @Get(':name')
  asset(@Param('name') name: string, @Res() reply: FastifyReply) {
    const ext = path.extname(name);
    if (!/^[a-z0-9-]+\.(css|js)$/.test(name) || !TYPES[ext]) return reply.status(404).send('');
    let body = this.cache.get(name);
    if (!body) {
      const file = path.join(this.dir, name);
      if (!fs.existsSync(file)) return reply.status(404).send('');
      body = fs.readFileSync(file);
      this.cache.set(name, body);
    }
    reply
      .header('Content-Type', TYPES[ext])
      .header('Cache-Control', 'public, max-age=300')
      .header('X-Content-Type-Options', 'nosniff')
      .send(body);
  }
}
