// `npm run build`: the Remix app (remix build → build/, public/build/) and the server, worker, CLI and
// every child-process entry compiled once to JavaScript in dist/ (ADR 045), so nothing at run time
// loads TypeScript through tsx.
//
//   node scripts/build.mjs             always builds both
//   node scripts/build.mjs --if-stale  builds only when a source is newer than the last build (what
//                                      `npm start`, `npm run worker` and `npm run rtk` run first, so
//                                      a fresh clone or an edited source never runs stale code)
//
// dist/ mirrors the source tree file by file (dist/server/cli.js for server/cli.ts): every module
// keeps its own `import.meta.url`, so `siblingModule()` (server/lib/module-path.ts) finds a child
// entry such as dist/server/pipeline/render-disclosure-child.js next to its caller, and the CLI's
// `await import("./...")` stays lazy. Each file is transpiled on its own: relative imports get their
// `.js` extension, packages stay imports of node_modules (native modules included).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");
const stamp = path.join(dist, ".build-stamp");
/** Compiled for node: the server side only (app/ is bundled by `remix build` into build/index.js). */
const SERVER_DIRS = ["server", "db"];
/** Whatever `remix build` or the compiled output depends on; any change means a rebuild. */
const INPUTS = ["app", "server", "db", "public", "remix.config.js", "package-lock.json", "scripts/build.mjs"];

function isServerSource(file) {
  return /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.endsWith(".d.ts");
}

function listFiles(dir, into = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      // public/build is remix build's own output: it must not make the build stale.
      if (full !== path.join(root, "public", "build")) listFiles(full, into);
    } else into.push(full);
  }
  return into;
}

function newestInputMtime() {
  let newest = 0;
  for (const input of INPUTS) {
    const full = path.join(root, input);
    if (!fs.existsSync(full)) continue;
    const files = fs.statSync(full).isDirectory() ? listFiles(full) : [full];
    for (const file of files) newest = Math.max(newest, fs.statSync(file).mtimeMs);
  }
  return newest;
}

function isStale() {
  if (!fs.existsSync(stamp) || !fs.existsSync(path.join(root, "build", "index.js"))) return true;
  return newestInputMtime() > fs.statSync(stamp).mtimeMs;
}

/** Rewrites `./x` and `../x` imports to the compiled file (`./x.js` or `./x/index.js`); packages stay external. */
const keepImportsExternal = {
  name: "keep-imports-external",
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === "entry-point") return undefined;
      if (!args.path.startsWith(".")) return { path: args.path, external: true };
      const target = path.resolve(args.resolveDir, args.path);
      for (const [suffix, compiled] of [
        [".ts", ".js"],
        [".tsx", ".js"],
        ["/index.ts", "/index.js"],
      ]) {
        if (fs.existsSync(target + suffix)) return { path: args.path + compiled, external: true };
      }
      if (/\.(m?js|json)$/.test(args.path) && fs.existsSync(target)) return { path: args.path, external: true };
      return { errors: [{ text: `cannot resolve ${args.path} from ${args.importer}` }] };
    });
  },
};

async function compileServer() {
  const { build } = await import("esbuild");
  fs.mkdirSync(dist, { recursive: true });
  const entryPoints = SERVER_DIRS.flatMap((dir) => listFiles(path.join(root, dir))).filter(isServerSource);
  const result = await build({
    entryPoints,
    outbase: root,
    outdir: dist,
    bundle: true,
    plugins: [keepImportsExternal],
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: true,
    logLevel: "warning",
    metafile: true,
  });
  // Files of deleted or renamed sources go; the rest are overwritten in place rather than removing
  // dist/ first, so a portal running from dist/ meanwhile never finds a lazily imported module gone.
  const written = new Set(Object.keys(result.metafile.outputs).map((file) => path.resolve(root, file)));
  for (const file of listFiles(dist)) if (/\.js(\.map)?$/.test(file) && !written.has(file)) fs.rmSync(file);
  // Marks dist/ as ES modules whatever the package.json above says, and is what --if-stale compares with.
  fs.writeFileSync(path.join(dist, "package.json"), '{ "type": "module" }\n');
  fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
  return entryPoints.length;
}

const ifStale = process.argv.includes("--if-stale");
if (ifStale && !isStale()) process.exit(0);
const started = performance.now();
// Always a production bundle: `remix build` follows NODE_ENV, and `npm start --if-stale` under
// NODE_ENV=test (the e2e web server) built development JSX that the runtime's React could not run
// ("jsxDEV is not a function" on every page) whenever a source was newer than the last build.
const remix = spawnSync(process.execPath, [path.join(root, "node_modules", "@remix-run", "dev", "dist", "cli.js"), "build"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production" },
});
if (remix.status !== 0) process.exit(remix.status ?? 1);
const count = await compileServer();
console.log(`compiled ${count} server modules to dist/ in ${Math.round(performance.now() - started)} ms (with remix build)`);
