import { NO_PROGRESS, progressLabel, progressReporter, readImportProgress } from './import-progress';

describe('progressLabel (what the upload page says while it waits)', () => {
  it('names the stage, with the count where there is one', () => {
    expect(progressLabel({ stage: 'queued', ahead: 2 })).toBe('排队等待处理，前面还有 2 个文件');
    expect(progressLabel({ stage: 'reading' })).toBe('正在读取文件');
    expect(progressLabel({ stage: 'checking', done: 3000, total: 10000, unit: '题' })).toBe(
      '正在检查：3000 / 10000题',
    );
    expect(progressLabel({ stage: 'writing' })).toBe('正在写入');
    expect(progressLabel({ stage: 'done', status: 200 })).toBe('处理完成');
    expect(progressLabel({ stage: 'failed', status: 422 })).toBe('处理未成功，请查看结果中的说明');
  });
});

describe('progressReporter', () => {
  it('keeps one person’s progress under their own id only', async () => {
    const p = progressReporter(7, 'upload-0001');
    p.reading();
    p.checking(500, 1000, '题');
    expect(await readImportProgress(7, 'upload-0001')).toMatchObject({
      stage: 'checking',
      done: 500,
      total: 1000,
    });
    expect(await readImportProgress(8, 'upload-0001')).toBeNull();
    p.checking(1000, 1000, '题'); // the last count is always written, however soon after the previous
    expect(await readImportProgress(7, 'upload-0001')).toMatchObject({ done: 1000 });
    p.finish(200);
    expect(await readImportProgress(7, 'upload-0001')).toMatchObject({
      stage: 'done',
      status: 200,
      label: '处理完成',
    });
  });

  it('is a no-op without a well-formed id, or without a person', async () => {
    expect(progressReporter(7, undefined)).toBe(NO_PROGRESS);
    expect(progressReporter(7, 'short')).toBe(NO_PROGRESS);
    expect(progressReporter(7, '../../etc/passwd')).toBe(NO_PROGRESS);
    expect(progressReporter(undefined, 'upload-0002')).toBe(NO_PROGRESS);
    expect(await readImportProgress(7, '../../etc/passwd')).toBeNull();
  });
});
