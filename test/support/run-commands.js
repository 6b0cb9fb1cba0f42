// Runs several iamwhy commands in one process (after the network probe is
// preloaded), each through main() with a terminal that captures its output, and
// prints [{ argv, status, stdout, stderr }] as JSON. Arguments: a JSON list of argv lists.
const { main } = await import(new URL('../../dist/cli/main.js', import.meta.url).href);
const results = [];
for (const argv of JSON.parse(process.argv[2] ?? '[]')) {
  let stdout = '';
  let stderr = '';
  const status = await main(argv, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), stdoutIsTTY: false, env: process.env });
  results.push({ argv, status, stdout, stderr });
}
process.stdout.write(JSON.stringify(results));
