/** Every entity, listed once: used by the app, the TypeORM CLI and the migrations. */
import { AuditLog } from '../audit/audit-log.entity';
import { User } from '../identity/user.entity';
import { Unit } from '../organization/unit.entity';
import { Setting } from './setting.entity';

export const ENTITIES = [Setting, AuditLog, Unit, User];
