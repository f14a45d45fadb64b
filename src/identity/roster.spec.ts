import { managerRowProblem } from './roster';

describe('roster rows a manager may import', () => {
  const row = (roles: string[]) => ({ staffNo: 'S9001', roles: roles as never });

  it('creates plain staff accounts only', () => {
    expect(managerRowProblem(row(['staff']), null, 1)).toBeNull();
    for (const role of ['trainer', 'manager', 'admin'])
      expect(managerRowProblem(row(['staff', role]), null, 1)).toContain('只有系统管理员可以授予');
  });

  it('never changes a trainer, a manager or an administrator, nor their own account', () => {
    expect(managerRowProblem(row(['staff']), { id: 7, roles: 'staff' }, 1)).toBeNull();
    expect(managerRowProblem(row(['staff']), { id: 7, roles: 'staff,manager' }, 1)).toContain(
      '只有系统管理员可以修改',
    );
    expect(managerRowProblem(row(['staff']), { id: 7, roles: 'staff,trainer' }, 1)).toContain(
      '只有系统管理员可以修改',
    );
    expect(managerRowProblem(row(['staff']), { id: 1, roles: 'staff' }, 1)).toContain('本人');
  });
});
