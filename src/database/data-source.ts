/** Data source for the TypeORM CLI (migration:generate / run), configured like the app from the environment. */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../common/config';
import { dataSourceOptions, ENTITY_FILES } from './data-source-options';

export default new DataSource(dataSourceOptions(loadConfig(process.env).database, [ENTITY_FILES]));
