import 'reflect-metadata';
import { ROLES_KEY } from '../common/decorators';
import type { AuthUser } from '../common/roles';
import { ExamsController } from '../exams/exams.controller';
import {
  bypassedMetadata,
  fastSave,
  installSaveFastLane,
  type LaneRequest,
  type SaveLane,
} from './save-fast-lane';

const candidate: AuthUser = { id: 7, username: 'S0007', name: '考生', roles: ['staff'] } as AuthUser;

function fakes(user: AuthUser | null = candidate, saved = true) {
  const calls = { authenticate: [] as (string | null)[], quickSave: [] as unknown[][] };
  const lane: SaveLane = {
    authenticate: async (token) => {
      calls.authenticate.push(token);
      return user;
    },
    quickSave: async (...args) => {
      calls.quickSave.push(args);
      return saved ? { saved: true, seq: (args[3] as { seq: number }).seq } : null;
    },
  };
  return { lane, calls };
}

const request = (over: Partial<LaneRequest> = {}): LaneRequest => ({
  method: 'PUT',
  headers: { authorization: 'Bearer t0k3n' },
  params: { id: '12', questionId: '345' },
  body: { response: 'B', seq: 3 },
  ...over,
});

describe('fastSave (the answer save fast lane)', () => {
  it('answers the common case itself, with the caller and the ids as numbers', async () => {
    const { lane, calls } = fakes();
    const req = request();
    expect(await fastSave(req, lane)).toEqual({ saved: true, seq: 3 });
    expect(calls.authenticate).toEqual(['t0k3n']);
    expect(calls.quickSave).toEqual([[candidate, 12, 345, { response: 'B', seq: 3 }]]);
    expect(req.user).toBe(candidate);
  });

  it('takes a cookie session only with its CSRF token repeated in the header', async () => {
    const cookies = { access_token: 'c00k1e', csrf_token: 'abc' };
    const { lane, calls } = fakes();
    expect(await fastSave(request({ headers: {}, cookies }), lane)).toBeNull();
    expect(await fastSave(request({ headers: { 'x-csrf-token': 'abd' }, cookies }), lane)).toBeNull();
    expect(calls.authenticate).toEqual([]);
    expect(await fastSave(request({ headers: { 'x-csrf-token': 'abc' }, cookies }), lane)).toEqual({
      saved: true,
      seq: 3,
    });
    expect(calls.authenticate).toEqual(['c00k1e']);
  });

  it.each([
    ['an id that is not plain digits', { params: { id: '-1', questionId: '345' } }],
    ['an id beyond int4', { params: { id: '12', questionId: '9999999999' } }],
    ['an id with a fraction', { params: { id: '1.5', questionId: '345' } }],
    ['a body with another field', { body: { response: 'B', seq: 3, extra: 1 } }],
    ['a seq of 0', { body: { response: 'B', seq: 0 } }],
    ['a seq that is a string', { body: { response: 'B', seq: '3' } }],
    ['a body that is an array', { body: [{ response: 'B', seq: 3 }] }],
    ['no body', { body: undefined }],
  ])('passes on %s without authenticating or writing', async (_name, over) => {
    const { lane, calls } = fakes();
    expect(await fastSave(request(over as Partial<LaneRequest>), lane)).toBeNull();
    expect(calls.authenticate).toEqual([]);
    expect(calls.quickSave).toEqual([]);
  });

  it('passes on a token that does not authenticate, and an account that must change its password', async () => {
    for (const user of [null, { ...candidate, mustChangePassword: true }]) {
      const { lane, calls } = fakes(user);
      const req = request();
      expect(await fastSave(req, lane)).toBeNull();
      expect(calls.quickSave).toEqual([]);
      expect(req.user).toBeUndefined();
    }
  });

  it('passes on a save the quick path cannot make (the Nest route then explains it)', async () => {
    const { lane } = fakes(candidate, false);
    const req = request();
    expect(await fastSave(req, lane)).toBeNull();
    expect(req.user).toBeUndefined();
  });
});

describe('installSaveFastLane', () => {
  it('bypasses no guard metadata of the save route today', () => {
    expect(bypassedMetadata()).toEqual([]);
  });

  it('refuses to start once the save route gets metadata the lane does not check', () => {
    Reflect.defineMetadata(ROLES_KEY, ['staff'], ExamsController.prototype.save);
    try {
      const fastify = { addHook: jest.fn() };
      expect(() => installSaveFastLane(fastify as never, fakes().lane)).toThrow(/roles/);
      expect(fastify.addHook).not.toHaveBeenCalled();
    } finally {
      Reflect.deleteMetadata(ROLES_KEY, ExamsController.prototype.save);
    }
    expect(bypassedMetadata()).toEqual([]);
  });
});
