// A Stripe webhook storm against a running API: 1,000 signed events, 10% duplicates, 5% reordered (a refund or
// the async success delivered before the completion it follows). Prints events/s, latency percentiles, and checks
// exactly-once fulfilment in the database: licences = lines of the orders paid (none for refunded-before-payment).
//
//   node storm.mjs --url http://127.0.0.1:PORT --db postgresql://... --secret whsec_... [--events 1000] [--concurrency 16]
import { createHmac, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
    options: {
        url: { type: 'string' }, db: { type: 'string' }, secret: { type: 'string' },
        events: { type: 'string', default: '1000' }, concurrency: { type: 'string', default: '16' },
        'api-version': { type: 'string', default: '' },
    },
});
const total = Number(args.events);
const psql = (sql) => execFileSync('psql', [args.db, '-XAtq', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' }).trim();

// 10% duplicates, 5% reordered: unique events = 90%; of those, 5% of the total are the early ones.
const duplicates = Math.round(total * 0.10);
const reordered = Math.round(total * 0.05);
const refundedFirst = Math.floor(reordered / 2);
const asyncFirst = reordered - refundedFirst;
const orders = total - duplicates - reordered; // one completion each

// Orders straight into the tables (as POST /orders leaves them): 1-3 lines each on a pool of published photos.
const run = randomUUID().slice(0, 8);
console.error(`== seeding ${orders} orders (run ${run})`);
psql(`
  insert into users (id, email, display_name, password_hash) values ('00000000-0000-7000-8000-${run}0000', 'storm-${run}@bench.test', 'Storm buyer', 'x');
  insert into assets (id, owner_id, status, original_key, original_filename, content_type, byte_size, sha256, width, height, title, keywords, submitted_at)
    select gen_random_uuid(), '00000000-0000-7000-8000-${run}0000', 'published', 'originals/storm/${run}/' || g, 'p.jpg', 'image/jpeg', 1000,
           sha256(('${run}' || g)::bytea), 3000, 2000, 'Storm photo ' || g, '{storm,bench,photo,test,load,web,hook}', now()
    from generate_series(1, 200) g;
  insert into asset_contributors (asset_id, user_id, share_bp) select id, owner_id, 10000 from assets where original_key like 'originals/storm/${run}/%';
  create temp table o as select gen_random_uuid() as id, g as n, 1 + (g % 3) as lines from generate_series(1, ${orders}) g;
  insert into orders (id, buyer_id, currency, total, idempotency_key, request_hash, expires_at, provider, checkout_reference)
    select id, '00000000-0000-7000-8000-${run}0000', 'USD', lines * 5000, 'storm-${run}-' || n, '\\x00', now() + interval '1 hour', 'stripe', 'cs_storm_${run}_' || n from o;
  insert into order_lines (id, order_id, line_no, asset_id, size, width, height, editorial_only, amount)
    select gen_random_uuid(), o.id, l, (select id from assets where original_key = 'originals/storm/${run}/' || (1 + (o.n * 7 + l) % 200)), 'medium', 2500, 1667, false, 5000
    from o cross join lateral generate_series(1, o.lines) l;
`);
const rows = psql(`select o.id || ',' || o.total from orders o where idempotency_key like 'storm-${run}-%' order by idempotency_key`)
    .split('\n').map((r) => { const [id, t] = r.split(','); return { id, total: Number(t), pi: `pi_storm_${randomUUID().replaceAll('-', '')}` }; });

const apiVersion = args['api-version'];
const event = (type, object) => ({ id: `evt_storm_${randomUUID().replaceAll('-', '')}`, type, object });
const session = (o, paymentStatus = 'paid') => ({
    id: `cs_storm_${o.id}`, object: 'checkout.session', mode: 'payment', payment_status: paymentStatus, status: 'complete',
    amount_total: o.total, currency: 'usd', client_reference_id: o.id, metadata: { order_id: o.id }, payment_intent: o.pi,
});
const charge = (o) => ({
    id: `ch_${o.pi.slice(3)}`, object: 'charge', amount: o.total, amount_refunded: o.total, refunded: true, currency: 'usd',
    payment_intent: o.pi, metadata: { order_id: o.id },
    refunds: { object: 'list', has_more: false, data: [{ id: `re_${o.pi.slice(3)}`, object: 'refund', amount: o.total, status: 'succeeded' }] },
});

// The sequence: every order's completion; for the first few, a refund or the async success arrives first.
const sequence = [];
rows.forEach((o, i) => {
    // A reordered pair: the later event is sent only once the earlier one has been answered, so it truly arrives
    // first whatever the concurrency (adjacent events otherwise race and may land in either order).
    if (i < refundedFirst) {
        const early = event('charge.refunded', charge(o));
        sequence.push(early, { ...event('checkout.session.completed', session(o)), after: early });
        o.expect = 'refunded';
    } else if (i < refundedFirst + asyncFirst) {
        const early = event('checkout.session.async_payment_succeeded', session(o));
        sequence.push(early, { ...event('checkout.session.completed', session(o, 'unpaid')), after: early });
        o.expect = 'paid';
    } else {
        sequence.push(event('checkout.session.completed', session(o)));
        o.expect = 'paid';
    }
});
// Duplicates: earlier events sent again, spread through the storm (a retry after a slow answer).
for (let d = 0; d < duplicates; d++) {
    const at = Math.floor(Math.random() * sequence.length);
    sequence.splice(Math.min(sequence.length, at + 1 + Math.floor(Math.random() * 20)), 0, sequence[at]);
}

const body = (e) => JSON.stringify({
    id: e.id, object: 'event', api_version: apiVersion || undefined, created: Math.floor(Date.now() / 1000), livemode: false,
    pending_webhooks: 1, type: e.type, data: { object: e.object },
}, null, 2);
const payloads = new Map();
const sign = (payload) => {
    const t = Math.floor(Date.now() / 1000);
    return `t=${t},v1=${createHmac('sha256', args.secret).update(`${t}.${payload}`).digest('hex')}`;
};

console.error(`== ${sequence.length} events (${orders + reordered} unique, ${duplicates} duplicates, ${reordered} reordered), ${args.concurrency} in flight`);
for (const e of sequence) if (!e.answered) e.answered = new Promise((resolve) => { e.resolve = resolve; });
const latencies = [];
const outcomes = new Map();
let next = 0;
let failures = 0;
const started = performance.now();
async function worker() {
    while (next < sequence.length) {
        const e = sequence[next++];
        if (e.after) await e.after.answered;
        const payload = payloads.get(e.id) ?? body(e);
        payloads.set(e.id, payload);
        const t0 = performance.now();
        const response = await fetch(`${args.url}/api/v1/webhooks/stripe`, {
            method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': sign(payload) }, body: payload,
        });
        const text = await response.text();
        latencies.push(performance.now() - t0);
        e.resolve();
        if (!response.ok) { failures++; if (failures < 5) console.error(response.status, text.slice(0, 300)); continue; }
        const outcome = JSON.parse(text).outcome;
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
}
await Promise.all(Array.from({ length: Number(args.concurrency) }, worker));
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))].toFixed(1);

console.log(`webhook storm: ${sequence.length} events in ${seconds.toFixed(2)} s = ${(sequence.length / seconds).toFixed(0)} events/s` +
    ` (${seconds <= 60 ? 'within' : 'OVER'} a minute), ${failures} non-2xx`);
console.log(`latency ms: p50 ${pct(0.5)}  p95 ${pct(0.95)}  p99 ${pct(0.99)}  max ${latencies.at(-1).toFixed(1)}`);
console.log(`outcomes: ${[...outcomes].sort().map(([k, v]) => `${k} ${v}`).join(', ')}`);

const check = psql(`
  select count(*) filter (where o.status = 'paid') || ',' || count(*) filter (where o.status = 'refunded') || ',' ||
         coalesce(sum(ol_count) filter (where o.status = 'paid'), 0) || ',' ||
         (select count(*) from licenses l join order_lines ol on ol.id = l.order_line_id join orders x on x.id = ol.order_id
          where x.idempotency_key like 'storm-${run}-%') || ',' ||
         (select count(*) from licenses l join order_lines ol on ol.id = l.order_line_id join orders x on x.id = ol.order_id
          where x.idempotency_key like 'storm-${run}-%' and x.status <> 'paid') || ',' ||
         (select count(*) from payment_events where event_id like 'evt_storm_%' and payload->'data'->'object'->'metadata'->>'order_id' in
            (select id::text from orders where idempotency_key like 'storm-${run}-%'))
  from (select o.*, (select count(*) from order_lines where order_id = o.id) as ol_count from orders o where idempotency_key like 'storm-${run}-%') o`);
const [paid, refunded, paidLines, licences, strayLicences, events] = check.split(',').map(Number);
const expectPaid = rows.filter((o) => o.expect === 'paid').length;
const ok = paid === expectPaid && refunded === refundedFirst && licences === paidLines && strayLicences === 0 && events === orders + reordered && failures === 0;
console.log(`check: orders paid ${paid}/${expectPaid}, refunded-before-payment ${refunded}/${refundedFirst}; licences ${licences} = paid order lines ${paidLines}` +
    `; licences on unpaid orders ${strayLicences}; events recorded ${events} = unique ${orders + reordered} → ${ok ? 'EXACTLY ONCE: OK' : 'MISMATCH'}`);
process.exitCode = ok ? 0 : 1;
