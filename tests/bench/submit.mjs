// tests/bench/submit helper: a complete order of a fresh applicant (one
// website, every document), printed as "ORDER_ID TOKEN" for wrk.
import { completeOrder } from '../api/lib.mjs';

const ctx = await completeOrder();
console.log(`${ctx.oid} ${ctx.s.token}`);
