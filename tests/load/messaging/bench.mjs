// Messaging under load (issue 9):
//  1. the inbox of a contributor with THREADS private threads (half started by them, half addressed to them, three
//     messages each, a third unread): GET /api/v1/threads (first page of 50, and 200), a page further down by cursor,
//     and GET /api/v1/threads/unread, each timed sequentially (p50/p95);
//  2. posting: N signed-in buyers each replying in their own thread with one contributor, back to back for
//     DURATION seconds, for each N in --clients (messages/s, p50/p95), then a check that the database holds exactly
//     the messages answered 201 and that each burst mailed once.
//
//   node bench.mjs --url http://127.0.0.1:PORT --db postgresql://... [--threads 1000] [--clients 16,64] [--duration 15]
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
    options: {
        url: { type: 'string' }, db: { type: 'string' }, threads: { type: 'string', default: '1000' },
        clients: { type: 'string', default: '16,64' }, duration: { type: 'string', default: '15' }, samples: { type: 'string', default: '200' },
    },
});
const psql = (sql) => execFileSync('psql', [args.db, '-XAtq', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8', maxBuffer: 1 << 26 }).trim();
const run = randomUUID().slice(0, 8);

class Client {
    cookies = new Map();
    token = '';
    async send(method, path, body) {
        const response = await fetch(`${args.url}${path}`, {
            method,
            headers: {
                'content-type': 'application/json', cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
                ...(method === 'GET' ? {} : { 'x-xsrf-token': this.token }),
            },
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        for (const c of response.headers.getSetCookie()) {
            const [pair] = c.split(';');
            const at = pair.indexOf('=');
            this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
        }
        return response;
    }
    async antiforgery() { this.token = (await (await this.send('GET', '/api/v1/auth/antiforgery')).json()).token; }
    async signUp(who) {
        await this.antiforgery();
        const r = await this.send('POST', '/api/v1/auth/register', { email: `${who}-${run}@bench.test`, password: 'violet tugboat orchestra 1987', displayName: who });
        if (!r.ok) throw new Error(`register: ${r.status} ${await r.text()}`);
        await this.antiforgery();
        this.id = (await (await this.send('GET', '/api/v1/me')).json()).id;
        return this;
    }
}

const percentiles = (xs) => {
    xs.sort((a, b) => a - b);
    const at = (p) => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))].toFixed(1);
    return `p50 ${at(0.5)}  p95 ${at(0.95)}  max ${xs.at(-1).toFixed(1)}`;
};

async function timed(label, client, path, samples) {
    const ms = [];
    let body;
    for (let i = 0; i < samples; i++) {
        const t0 = performance.now();
        const r = await client.send('GET', path);
        body = await r.text();
        ms.push(performance.now() - t0);
        if (r.status !== 200) throw new Error(`${path}: ${r.status} ${body.slice(0, 300)}`);
    }
    console.log(`${label.padEnd(44)} ${percentiles(ms)} ms (${samples} sequential requests)`);
    return JSON.parse(body);
}

// 1. The inbox.
const threads = Number(args.threads);
const me = await new Client().signUp('inbox-owner');
console.error(`== arranging ${threads} threads for one contributor`);
psql(`
  insert into user_roles (user_id, role) values ('${me.id}', 'contributor');
  create temp table people as
    select gen_random_uuid() as id, g from generate_series(1, ${threads}) g;
  insert into users (id, email, display_name, password_hash) select id, 'p-${run}-' || g || '@bench.test', 'Person ' || g, 'x' from people;
  create temp table bench_threads as
    select gen_random_uuid() as id, p.id as other, p.g, now() - p.g * interval '7 minutes' as at from people p;
  insert into message_threads (id, kind, subject, started_by, recipient_id, budget_amount, budget_currency, created_at, last_message_at)
    select id, case when g % 5 = 0 then 'commission' else 'question' end, 'Bench conversation ' || g,
           case when g % 2 = 0 then other else '${me.id}'::uuid end, case when g % 2 = 0 then '${me.id}'::uuid else other end,
           case when g % 5 = 0 then 50000 end, case when g % 5 = 0 then 'EUR' end, at - interval '2 hours', at
    from bench_threads;
  insert into messages (id, thread_id, author_id, body_markdown, body_html, excerpt, created_at)
    select gen_random_uuid(), t.id, case when (t.g + k) % 2 = 0 then t.other else '${me.id}'::uuid end,
           'Message ' || k || ' about **the photo**', '<p>Message ' || k || ' about <strong>the photo</strong></p>', 'Message ' || k || ' about the photo',
           t.at - (3 - k) * interval '30 minutes'
    from bench_threads t cross join generate_series(1, 3) k;
  insert into thread_reads (user_id, thread_id, last_read_at)
    select '${me.id}', id, case when g % 3 = 0 then at - interval '1 hour' else at end from bench_threads;
  analyze message_threads; analyze messages; analyze thread_reads;`);

const samples = Number(args.samples);
await timed('warm-up', me, '/api/v1/threads', 20);
const page = await timed(`inbox, first 50 of ${threads} threads`, me, '/api/v1/threads', samples);
await timed(`inbox, first 200 of ${threads} threads`, me, '/api/v1/threads?limit=200', samples);
let cursor = page.nextCursor;
for (let i = 0; i < 8 && cursor; i++) cursor = (await (await me.send('GET', `/api/v1/threads?cursor=${encodeURIComponent(cursor)}`)).json()).nextCursor;
if (cursor) await timed('inbox, page 10 (by cursor)', me, `/api/v1/threads?cursor=${encodeURIComponent(cursor)}`, samples);
const unread = await timed('unread counts', me, '/api/v1/threads/unread', samples);
console.log(`  (unread threads reported: ${unread.threads}; expected ≈ ${Math.floor(threads / 3)})`);

// 2. Posting at N parallel clients.
const contributor = await new Client().signUp('popular-contributor');
psql(`insert into user_roles (user_id, role) values ('${contributor.id}', 'contributor')`);
const counts = args.clients.split(',').map(Number);
const buyers = [];
for (let i = 0; i < Math.max(...counts); i++) buyers.push(await new Client().signUp(`poster-${i}`));
console.error(`== ${buyers.length} buyers opening a thread each with one contributor`);
const threadOf = new Map();
await Promise.all(buyers.map(async (b) => {
    const r = await b.send('POST', '/api/v1/threads', { recipientId: contributor.id, kind: 'question', subject: 'Bench', body: 'Opening the thread.' });
    if (r.status !== 201) throw new Error(`start: ${r.status} ${await r.text()}`);
    threadOf.set(b, (await r.json()).id);
}));
let posted = 0, failures = 0;
for (const n of counts) {
    const latencies = [];
    let created = 0;
    const deadline = performance.now() + Number(args.duration) * 1000;
    const started = performance.now();
    await Promise.all(buyers.slice(0, n).map(async (b, i) => {
        let k = 0;
        while (performance.now() < deadline) {
            const t0 = performance.now();
            const r = await b.send('POST', `/api/v1/threads/${threadOf.get(b)}/messages`, { body: `Message ${k++} from **buyer ${i}**: is [this](https://example.com) fine?` });
            const text = await r.text();
            latencies.push(performance.now() - t0);
            if (r.status === 201) created++;
            else { failures++; if (failures < 5) console.error(r.status, text.slice(0, 300)); }
        }
    }));
    const seconds = (performance.now() - started) / 1000;
    posted += created;
    console.log(`posting, ${String(n).padStart(2)} parallel clients: ${created} messages in ${seconds.toFixed(1)} s = ${(created / seconds).toFixed(0)} messages/s; latency ${percentiles(latencies)} ms`);
}
const stored = Number(psql(`select count(*) from messages m join message_threads t on t.id = m.thread_id where t.recipient_id = '${contributor.id}'`)) - buyers.length;
const mails = Number(psql(`select count(*) from email_outbox o join users u on u.email = o.to_email where u.id = '${contributor.id}'`));
const ok = stored === posted && failures === 0;
console.log(`check: messages stored ${stored} = answered 201 ${posted}, ${failures} failures; e-mails to the contributor ${mails} for ${buyers.length} threads (one per unread burst) → ${ok && mails === buyers.length ? 'OK' : 'MISMATCH'}`);
process.exitCode = ok ? 0 : 1;
