import { missingTriggers, REQUIRED_TRIGGERS } from './required-triggers';

describe('required triggers', () => {
  it('names the triggers a database lacks', () => {
    expect(missingTriggers('postgres', ['certificate_snapshot', 'post_history_snapshot', 'other'])).toEqual(
      [],
    );
    expect(missingTriggers('postgres', ['certificate_snapshot'])).toEqual(['post_history_snapshot']);
    const sqlite = REQUIRED_TRIGGERS.sqlite.filter((t) => t !== 'certificate_snapshot_update');
    expect(missingTriggers('sqlite', sqlite)).toEqual(['certificate_snapshot_update']);
  });
});
