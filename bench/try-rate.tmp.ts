import { loadRate } from './scenarios/load-rate.js';
const rate = Number(process.argv[2] ?? 10000);
const r = await loadRate(17500, rate, 10);
console.log(JSON.stringify({ totals: r.totals, rates: r.rates, latency: r.latency_ms, backlog: r.backlog }, null, 1));
