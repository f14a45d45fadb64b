/** What the audit API shows of an entry: who did what to which record, when. */
export class AuditEntryResponse {
  /** @example 12 */
  id: number;
  at: Date;
  /** Null for the system (start-up, demo data). @example 1 */
  actorId: number | null;
  /** @example user.create */
  action: string;
  /** @example user */
  entity: string;
  /** @example 65 */
  entityId: string | null;
  /** What changed, as recorded (any JSON). @example {"username":"S0101"} */
  detail: unknown;
}
