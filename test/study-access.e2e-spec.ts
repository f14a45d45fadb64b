/**
 * Campaigns are read by their audience and by trainers, admins and the managers whose units are in the audience;
 * group study sessions are listed to a manager only where their units attended.
 */
import { localDay } from '../src/common/dates';
import { bearer, bootTestApp, TestApp } from './helpers/test-app';

interface UnitNode {
  id: number;
  name: string;
  children: UnitNode[];
}

describe('who reads campaigns and group study sessions', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let officeStaff: { id: number; username: string };
  let stationStaff: { id: number; username: string };
  let officeCampaign: number;
  let stationCampaign: number;
  let officeSession: number;
  let mixedSession: number;

  const find = (nodes: UnitNode[], name: string): UnitNode | undefined => {
    for (const n of nodes) {
      if (n.name === name) return n;
      const hit = find(n.children ?? [], name);
      if (hit) return hit;
    }
    return undefined;
  };
  const firstStaffOf = async (unitId: number) => {
    const res = await t
      .http()
      .get(`/api/users?unitId=${unitId}&role=staff`)
      .set(bearer(tok.admin))
      .expect(200);
    const u = res.body.items.find((x: { roles: string[] }) => x.roles.length === 1);
    return { id: u.id as number, username: u.username as string };
  };

  beforeAll(async () => {
    t = await bootTestApp();
    for (const u of ['admin', 'trainer', 'manager', 'station-manager', 'staff']) tok[u] = await t.token(u);
    const tree = (await t.http().get('/api/units').set(bearer(tok.admin)).expect(200)).body as UnitNode[];
    const office = find(tree, '办公室')!;
    const station = find(tree, '区退役军人服务中心（站）')!;
    officeStaff = await firstStaffOf(office.id);
    stationStaff = await firstStaffOf(station.id);
    tok.office = await t.token(officeStaff.username);
    tok.station = await t.token(stationStaff.username);
    const campaign = async (title: string, unitId: number) =>
      (
        await t
          .http()
          .post('/api/campaigns')
          .set(bearer(tok.trainer))
          .send({
            title,
            kind: 'law-month',
            startsOn: '2026-04-01',
            endsOn: '2026-04-30',
            requiredHours: 2,
            audience: { unitIds: [unitId] },
          })
          .expect(201)
      ).body.id as number;
    officeCampaign = await campaign('办公室法规学习月', office.id);
    stationCampaign = await campaign('服务站法规学习月', station.id);
    const session = async (topic: string, attendeeIds: number[]) =>
      (
        await t
          .http()
          .post('/api/group-studies')
          .set(bearer(tok.trainer))
          .send({ heldOn: localDay(), topic, minutes: 60, attendeeIds })
          .expect(201)
      ).body.id as number;
    officeSession = await session('办公室集体学法', [officeStaff.id]);
    mixedSession = await session('联合集体学法', [officeStaff.id, stationStaff.id]);
  });
  afterAll(async () => t.close());

  const read = (who: string, id: number) => t.http().get(`/api/campaigns/${id}`).set(bearer(tok[who]));
  const listed = async (who: string) =>
    (await t.http().get('/api/campaigns').set(bearer(tok[who])).expect(200)).body.map(
      (c: { id: number }) => c.id,
    );

  it.each([
    ['office', 200],
    ['trainer', 200],
    ['admin', 200],
    ['manager', 200],
    ['staff', 404],
    ['station', 404],
    ['station-manager', 404],
  ])('the 办公室 campaign: %s → %i', async (who, status) => {
    const res = await read(who as string, officeCampaign).expect(status as number);
    if (status === 404) expect(res.body.message).toBe('学习活动不存在');
    expect((await listed(who as string)).includes(officeCampaign)).toBe(status === 200);
  });

  it('the station campaign is read by the station manager and the station staff, not by 办公室', async () => {
    await read('station-manager', stationCampaign).expect(200);
    await read('station', stationCampaign).expect(200);
    await read('office', stationCampaign).expect(404);
    expect(await listed('station-manager')).toEqual([stationCampaign]);
  });

  it('completion follows the same rule', async () => {
    await t
      .http()
      .get(`/api/campaigns/${officeCampaign}/completion`)
      .set(bearer(tok['station-manager']))
      .expect(404);
    const res = await t
      .http()
      .get(`/api/campaigns/${stationCampaign}/completion`)
      .set(bearer(tok['station-manager']))
      .expect(200);
    expect(res.body.persons.map((p: { userId: number }) => p.userId)).toContain(stationStaff.id);
  });

  it('a manager lists the group study sessions their units attended, with only their attendees', async () => {
    const station = await t.http().get('/api/group-studies').set(bearer(tok['station-manager'])).expect(200);
    expect(station.body.map((s: { id: number; attendeeIds: number[] }) => [s.id, s.attendeeIds])).toEqual([
      [mixedSession, [stationStaff.id]],
    ]);
    for (const who of ['manager', 'trainer', 'admin']) {
      const all = await t.http().get('/api/group-studies').set(bearer(tok[who])).expect(200);
      const byId = new Map(all.body.map((s: { id: number; attendeeIds: number[] }) => [s.id, s.attendeeIds]));
      expect(byId.get(officeSession)).toEqual([officeStaff.id]);
      expect(byId.get(mixedSession)).toEqual([officeStaff.id, stationStaff.id]);
    }
    await t.http().get('/api/group-studies').set(bearer(tok.staff)).expect(403);
  });
});
