/**
 * The @nestjs/swagger CLI plugin as a ts-jest AST transformer, with the options `nest build` uses (read from
 * nest-cli.json), so the OpenAPI test sees the same schemas as the built app. It needs the type checker, so its jest
 * project compiles with isolatedModules off (tsconfig.openapi.json).
 */
const fs = require('node:fs');
const path = require('node:path');
const plugin = require('@nestjs/swagger/plugin');

const cli = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'nest-cli.json'), 'utf8'));
const options = cli.compilerOptions.plugins.find((p) => p.name === '@nestjs/swagger').options;

module.exports.name = 'nestjs-swagger-plugin';
module.exports.version = 1;
module.exports.factory = (cs) => plugin.before(options, cs.program);
