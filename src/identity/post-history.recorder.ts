import { EntityManager, In, IsNull } from 'typeorm';
import { localDay } from '../common/dates';
import { PostHistory } from './post-history.entity';
import { planPostChanges, snapshotOf } from './post-history';

type UserLike = Parameters<typeof snapshotOf>[0];

/**
 * Records the posts of these accounts as they are now, inside the caller's transaction (user create/update,
 * roster import, demo data): an unchanged post writes nothing; a changed one closes the open period today and
 * opens a new one. Identity owns the post history: it is the module that changes posts.
 */
export async function recordPostChanges(m: EntityManager, users: UserLike[], on = localDay()) {
  const repo = m.getRepository(PostHistory);
  const now = users.filter((u) => u.id != null).map(snapshotOf);
  for (let i = 0; i < now.length; i += 500) {
    const chunk = now.slice(i, i + 500);
    const openRows = await repo.find({
      where: { userId: In(chunk.map((s) => s.userId)), validTo: IsNull() },
    });
    const plan = planPostChanges(openRows, chunk);
    if (plan.close.length) await repo.update({ id: In(plan.close) }, { validTo: on });
    if (plan.open.length) await repo.insert(plan.open.map((s) => ({ ...s, validFrom: on, validTo: null })));
  }
}
