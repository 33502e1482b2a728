/**
 * `npm run db:build`: builds the embedded FerretDB launcher ahead of time
 * (npm start and npm test also build it on first use).
 */
import { EmbeddedDatabaseUnavailable, ensureLauncherBuilt } from "./ferretdb.js";

try {
  console.log(`FerretDB launcher ready: ${ensureLauncherBuilt()}`);
} catch (err) {
  console.error(err instanceof EmbeddedDatabaseUnavailable ? err.message : String(err));
  process.exit(1);
}
