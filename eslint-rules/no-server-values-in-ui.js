/**
 * Values imported from `*.server` modules exist only on the server: the Remix compiler removes
 * those modules from the browser bundle, so a value used where the browser also runs it (the
 * route's component, or module-level code) is `undefined` after hydration ("At least undefined
 * characters", issue 17.6). Types are fine, and so is use inside loader/action and other
 * functions only the server calls. This rule reports a value from a `.server` import used in the
 * default export or in module-level code of a route or component module.
 */
export default {
  meta: {
    type: "problem",
    docs: { description: "no values from *.server modules in code the browser runs" },
    messages: { serverValue: "'{{name}}' comes from a .server module and is undefined in the browser: pass it through the loader's data." },
    schema: [],
  },
  create(context) {
    const imported = new Map();
    return {
      ImportDeclaration(node) {
        if (node.importKind === "type" || !/\.server(\.[jt]sx?)?$/.test(String(node.source.value))) return;
        for (const spec of node.specifiers) {
          if (spec.importKind === "type") continue;
          imported.set(spec.local.name, spec);
        }
      },
      "Program:exit"(program) {
        const scope = context.sourceCode.getScope(program);
        const moduleScope = scope.childScopes.find((s) => s.type === "module") ?? scope;
        for (const variable of moduleScope.variables) {
          if (!imported.has(variable.name)) continue;
          for (const reference of variable.references) {
            // Walk up to the module-level statement holding the reference.
            let node = reference.identifier;
            let inFunction = false;
            while (node.parent && node.parent.type !== "Program") {
              if (/Function/.test(node.type)) inFunction = true;
              node = node.parent;
            }
            const inDefaultExport = node.type === "ExportDefaultDeclaration";
            if (inDefaultExport || !inFunction) context.report({ node: reference.identifier, messageId: "serverValue", data: { name: variable.name } });
          }
        }
      },
    };
  },
};
