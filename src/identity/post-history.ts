/** Pure rules of the post history (任职记录): what a person's post looks like and when it changed. */

export interface PostSnapshot {
  userId: number;
  unitId: number | null;
  enforcementPost: boolean;
  businessLines: string;
}

/** The post a user account holds now: a disabled account holds none (no unit, no enforcement post). */
export function snapshotOf(u: {
  id: number;
  unitId: number | null;
  enforcementPost: boolean;
  businessLines: string;
  disabled?: boolean;
}): PostSnapshot {
  return u.disabled
    ? { userId: u.id, unitId: null, enforcementPost: false, businessLines: '' }
    : {
        userId: u.id,
        unitId: u.unitId ?? null,
        enforcementPost: Boolean(u.enforcementPost),
        businessLines: u.businessLines ?? '',
      };
}

export function samePost(a: PostSnapshot, b: PostSnapshot): boolean {
  return (
    (a.unitId ?? null) === (b.unitId ?? null) &&
    Boolean(a.enforcementPost) === Boolean(b.enforcementPost) &&
    (a.businessLines ?? '') === (b.businessLines ?? '')
  );
}

export interface PostChange {
  /** Ids of open rows to close on the change day. */
  close: number[];
  /** New open rows. */
  open: PostSnapshot[];
}

/** Given the open row of each person (if any) and their post now, which rows to close and which to open. */
export function planPostChanges(
  openRows: (PostSnapshot & { id: number })[],
  now: PostSnapshot[],
): PostChange {
  const byUser = new Map(openRows.map((r) => [r.userId, r]));
  const close: number[] = [];
  const open: PostSnapshot[] = [];
  const seen = new Set<number>();
  for (const s of now) {
    if (seen.has(s.userId)) continue;
    seen.add(s.userId);
    const current = byUser.get(s.userId);
    if (current && samePost(current, s)) continue;
    if (current) close.push(current.id);
    open.push(s);
  }
  return { close, open };
}
