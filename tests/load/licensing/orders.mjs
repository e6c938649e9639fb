// Order creation throughput: CONNECTIONS signed-in buyers each creating orders (POST /api/v1/orders with a fresh
// Idempotency-Key, 1-3 photos, prices fixed by the server) back to back for DURATION seconds. Prints orders/s and
// latency percentiles, and checks the database holds exactly the orders answered 201 with the right totals.
//
//   node orders.mjs --url http://127.0.0.1:PORT --db postgresql://... [--connections 32] [--duration 20]
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
    options: {
        url: { type: 'string' }, db: { type: 'string' },
        connections: { type: 'string', default: '32' }, duration: { type: 'string', default: '20' },
    },
});
const psql = (sql) => execFileSync('psql', [args.db, '-XAtq', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' }).trim();
const run = randomUUID().slice(0, 8);

// A pool of published photos to buy.
psql(`
  insert into users (id, email, display_name, password_hash) values ('00000000-0000-7000-9000-${run}0000', 'owner-${run}@bench.test', 'Bench owner', 'x');
  insert into assets (id, owner_id, status, original_key, original_filename, content_type, byte_size, sha256, width, height, title, keywords, submitted_at)
    select gen_random_uuid(), '00000000-0000-7000-9000-${run}0000', 'published', 'originals/orders/${run}/' || g, 'p.jpg', 'image/jpeg', 1000,
           sha256(('o${run}' || g)::bytea), 6000, 4000, 'Bench photo ' || g, '{bench,order,photo,test,load,shop,buy}', now()
    from generate_series(1, 500) g;
  insert into asset_contributors (asset_id, user_id, share_bp) select id, owner_id, 10000 from assets where original_key like 'originals/orders/${run}/%';`);
const assets = psql(`select id from assets where original_key like 'originals/orders/${run}/%'`).split('\n');
const sizes = ['small', 'medium', 'large', 'original'];
const prices = Object.fromEntries(psql(`select code || ',' || amount from license_options where kind = 'size'`).split('\n').map((r) => r.split(',')).map(([c, a]) => [c, Number(a)]));

class Buyer {
    cookies = new Map();
    token = '';
    async send(method, path, body, headers = {}) {
        const response = await fetch(`${args.url}${path}`, {
            method,
            headers: {
                'content-type': 'application/json', cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
                ...(method === 'GET' ? {} : { 'x-xsrf-token': this.token }), ...headers,
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
    async signUp(i) {
        await this.antiforgery();
        const r = await this.send('POST', '/api/v1/auth/register', { email: `buyer-${run}-${i}@bench.test`, password: 'violet tugboat orchestra 1987', displayName: `Buyer ${i}` });
        if (!r.ok) throw new Error(`register: ${r.status} ${await r.text()}`);
        await this.antiforgery();
    }
}

const n = Number(args.connections);
console.error(`== signing up ${n} buyers`);
const buyers = await Promise.all(Array.from({ length: n }, async (_, i) => { const b = new Buyer(); await b.signUp(i); return b; }));

const latencies = [];
let created = 0, failures = 0, expectedTotal = 0;
const deadline = performance.now() + Number(args.duration) * 1000;
console.error(`== ${n} buyers creating orders for ${args.duration} s`);
const started = performance.now();
await Promise.all(buyers.map(async (buyer, b) => {
    let k = 0;
    while (performance.now() < deadline) {
        const count = 1 + (k % 3);
        const items = Array.from({ length: count }, (_, j) => ({
            assetId: assets[(b * 97 + k * 13 + j * 7) % assets.length], size: sizes[(k + j) % sizes.length], extended: [],
            price: 1, // tampering: the server must ignore it
        }));
        k++;
        const t0 = performance.now();
        const r = await buyer.send('POST', '/api/v1/orders', { items }, { 'idempotency-key': randomUUID() });
        const text = await r.text();
        latencies.push(performance.now() - t0);
        if (r.status !== 201) { failures++; if (failures < 5) console.error(r.status, text.slice(0, 300)); continue; }
        created++;
        expectedTotal += items.reduce((s, i) => s + prices[i.size], 0);
        if (JSON.parse(text).total.amount !== items.reduce((s, i) => s + prices[i.size], 0)) console.error('total mismatch', text.slice(0, 200));
    }
}));
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))].toFixed(1);
console.log(`order creation: ${created} orders in ${seconds.toFixed(1)} s = ${(created / seconds).toFixed(0)} orders/s with ${n} concurrent buyers, ${failures} failures`);
console.log(`latency ms: p50 ${pct(0.5)}  p95 ${pct(0.95)}  p99 ${pct(0.99)}  max ${latencies.at(-1).toFixed(1)}`);
const [rows, sum] = psql(`select count(*) || ',' || coalesce(sum(total), 0) from orders o join users u on u.id = o.buyer_id where u.email like 'buyer-${run}-%'`).split(',').map(Number);
const ok = rows === created && sum === expectedTotal && failures === 0;
console.log(`check: orders in the database ${rows} = answered 201 ${created}; totals ${sum} = list prices ${expectedTotal} → ${ok ? 'OK' : 'MISMATCH'}`);
process.exitCode = ok ? 0 : 1;
