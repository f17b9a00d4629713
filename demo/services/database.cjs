// The shop's PostgreSQL pool (its own database, DEMO_DATABASE_URL, prepared by the launcher).
const { Pool } = require("pg");

const pool = new Pool({ connectionString: process.env.DEMO_DATABASE_URL, max: 6 });
pool.on("error", () => {}); // an idle client lost: the next query reconnects

module.exports = { pool };
