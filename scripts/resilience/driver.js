/** Candidates that start attempts and save answers, remembering every save the server acknowledged. */
const path = require('node:path');
const lib = require('./lib');

class Candidate {
  constructor(username) {
    this.username = username;
    this.token = null;
    this.attemptId = null;
    this.questions = [];
    this.seq = 0;
  }

  async login(url) {
    this.token = await lib.login(url, this.username);
  }

  async start(url, examId) {
    const r = await lib.api(url, 'POST', `/api/exams/${examId}/attempts`, { token: this.token });
    if (r.status !== 201 && r.status !== 200)
      throw new Error(`start ${this.username}: ${r.status} ${r.text}`);
    this.attemptId = r.json.id;
    this.questions = r.json.questions;
    this.seq = Math.max(0, ...this.questions.map((q) => q.seq || 0));
    return r;
  }

  /** Answers every question of the paper with its key (`keyOf(question)`, as shown); throws unless each save is acknowledged. */
  async answerAllWithKey(url, keyOf) {
    for (const q of this.questions) {
      const seq = ++this.seq;
      const r = await lib.api(url, 'PUT', `/api/attempts/${this.attemptId}/answers/${q.id}`, {
        token: this.token,
        body: { response: await keyOf(q), seq },
      });
      if (r.status !== 200 || !r.json || !r.json.saved)
        throw new Error(`${this.username} answering question ${q.id} with the key: ${r.status} ${r.text}`);
    }
  }

  /** One save of a random question; an acknowledged one (200, saved) goes into `acked`. Returns the status. */
  async saveOne(url, acked) {
    const q = this.questions[Math.floor(Math.random() * this.questions.length)];
    const seq = ++this.seq;
    const response = lib.answerFor(q);
    const r = await lib.api(url, 'PUT', `/api/attempts/${this.attemptId}/answers/${q.id}`, {
      token: this.token,
      body: { response, seq },
    });
    if (r.status === 200 && r.json && r.json.saved) acked.set(`${this.attemptId}:${q.id}`, { seq, response });
    return r.status;
  }
}

/**
 * A stored response as the candidate sent it: answers are stored in the bank's option keys and sent by the
 * position the options were shown in (src/exams/option-labels.ts, from the build).
 */
function asShown(row) {
  if (!row.response || !row.optionOrder) return row.response;
  const { keyToDisplay } = require(path.join(lib.ROOT, 'dist', 'exams', 'option-labels'));
  return JSON.stringify(keyToDisplay(JSON.parse(row.optionOrder), JSON.parse(row.response)));
}

/** Compares acknowledged saves with stored rows ({attemptId, questionId, seq, response, optionOrder}). */
function countLost(acked, rows) {
  const stored = new Map(rows.map((r) => [`${r.attemptId}:${r.questionId}`, { ...r, response: asShown(r) }]));
  let lost = 0;
  const examples = [];
  for (const [k, a] of acked) {
    const s = stored.get(k);
    const ok =
      s && (Number(s.seq) > a.seq || (Number(s.seq) === a.seq && s.response === JSON.stringify(a.response)));
    if (!ok) {
      lost++;
      if (examples.length < 3) examples.push(`${k}: acked seq ${a.seq}, stored ${s ? s.seq : 'none'}`);
    }
  }
  return { lost, examples };
}

module.exports = { Candidate, countLost };
