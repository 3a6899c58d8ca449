import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";
import noServerValuesInUi from "./eslint-rules/no-server-values-in-ui.js";

// UI code reaches server/ and db/ only through app/lib/*.server.ts (DESIGN.md §3): the classic
// Remix compiler would happily bundle server modules into the browser, so the linter guards it.
const serverBoundary = {
  patterns: [
    {
      group: ["**/server/**", "**/db/**", "../server/*", "../db/*", "../../server/*", "../../db/*"],
      message: "UI modules reach server/ and db/ only through app/lib/*.server.ts.",
    },
  ],
};

export default tseslint.config(
  { ignores: ["build/", "dist/", "public/build/", "node_modules/", "data/", "test-results/", "playwright-report/", ".ci-out/", ".cache/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/lib/*.server.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", serverBoundary] },
  },
  {
    files: ["app/routes/*.tsx", "app/components/**/*.tsx", "app/root.tsx"],
    plugins: { local: { rules: { "no-server-values-in-ui": noServerValuesInUi } } },
    rules: { "local/no-server-values-in-ui": "error" },
  },
);
