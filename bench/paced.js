/**
 * Open-loop load at a fixed mean rate, as independent candidates make it: arrivals are a Poisson stream (exponential
 * gaps), each request goes out on the next free keep-alive connection (up to `connections`; beyond that it waits in
 * the agent's queue), and its latency is counted from the moment it was due, not from when a connection was free (so
 * a stalled server cannot hide its queue: no coordinated omission).
 *
 * Why not autocannon's overallRate: it lets every connection send its whole share of a second at the top of that
 * second and then idle (autocannon lib/httpClient.js, reqsMadeThisSecond), so the server sees the second's requests
 * in one burst and p99 measures how long the burst takes to drain — at 2,000/s about 250 ms whatever the server's
 * capacity. Candidates who each save every 30 s do not synchronise on the wall clock's seconds.
 */
const http = require('node:http');

/**
 * @param {{ url: string, rate: number, seconds: number, connections: number, next: () => { method: string, path: string, headers: object, body?: string }, seed?: number }} o
 * @returns {Promise<{ rate: number, sent: number, completed: number, errors: number, p50: number, p99: number, max: number, achieved: number }>}
 */
function paced({ url, rate, seconds, connections, next, seed = 1 }) {
  const { hostname, port } = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  // A small deterministic generator (mulberry32): the same arrival pattern for the same rate and seed.
  let s = seed >>> 0;
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const gapNs = () => (-Math.log(1 - random()) / rate) * 1e9;
  const lat = [];
  let errors = 0;
  let sent = 0;
  let completed = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  let due = Number(start) + gapNs();

  return new Promise((resolve) => {
    let finished = false;
    let ended = false;
    const settle = () => {
      if (finished || !ended || completed < sent) return;
      finished = true;
      agent.destroy();
      lat.sort((a, b) => a - b);
      const at = (q) => (lat.length ? lat[Math.min(lat.length - 1, Math.floor(lat.length * q))] : NaN);
      resolve({
        rate,
        sent,
        completed,
        errors,
        p50: Math.round(at(0.5)),
        p99: Math.round(at(0.99)),
        max: Math.round(lat[lat.length - 1] ?? NaN),
        achieved: Math.round(completed / seconds),
      });
    };
    const fire = (dueNs) => {
      const r = next();
      sent++;
      const req = http.request(
        { host: hostname, port, method: r.method, path: r.path, headers: r.headers, agent },
        (res) => {
          res.resume();
          res.on('end', () => {
            lat.push((Number(process.hrtime.bigint()) - dueNs) / 1e6);
            if (res.statusCode < 200 || res.statusCode >= 300) errors++;
            completed++;
            settle();
          });
        },
      );
      req.on('error', () => {
        errors++;
        completed++;
        lat.push((Number(process.hrtime.bigint()) - dueNs) / 1e6);
        settle();
      });
      req.end(r.body);
    };
    const tick = () => {
      const now = process.hrtime.bigint();
      const nowNs = Number(now);
      const endNs = Number(end);
      while (due <= nowNs && due < endNs) {
        fire(due);
        due += gapNs();
      }
      if (due < endNs) setTimeout(tick, Math.max(0, Math.min(5, (due - nowNs) / 1e6 - 0.5)));
      else
        setTimeout(
          () => {
            ended = true;
            settle();
          },
          Math.max(0, (endNs - nowNs) / 1e6),
        );
    };
    tick();
  });
}

module.exports = { paced };
