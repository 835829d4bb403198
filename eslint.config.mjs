// ESLint flat config (`npm run lint`). eslint-config-next 15 still ships eslintrc-style presets, so
// they are loaded through FlatCompat. On top of them: eslint:recommended, typescript-eslint's
// type-aware recommended rules for TypeScript files, and the house rules (no `any`, no
// `@ts-ignore`, every eslint-disable comment says why).
import { FlatCompat } from "@eslint/eslintrc";
import js from "@eslint/js";
import comments from "@eslint-community/eslint-plugin-eslint-comments/configs";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

const compat = new FlatCompat({ baseDirectory: import.meta.dirname });

export default defineConfig(
  // Generated code, build output, local data and scratch space.
  globalIgnores([
    "lib/db/generated/**",
    ".next/**",
    "dist/**",
    "data/**",
    "models/**",
    "tmp/**",
    "bench/out/**",
    "test/artifacts/**",
    "next-env.d.ts",
  ]),
  js.configs.recommended,
  ...compat.extends("next/core-web-vitals", "next/typescript"),
  comments.recommended,
  {
    files: ["**/*.ts", "**/*.tsx"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // node:test's test()/describe() return promises that the runner itself awaits.
      "@typescript-eslint/no-floating-promises": [
        "error",
        {
          allowForKnownSafeCalls: [
            { from: "package", package: "node:test", name: ["test", "it", "describe", "suite"] },
          ],
        },
      ],
      // Off: async functions without await are deliberate here (callbacks and test fakes that must
      // return a Promise, Prisma's adapter factory); the rule is about style, not correctness.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    linterOptions: {
      reportUnusedDisableDirectives: "error",
    },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/ban-ts-comment": [
        "error",
        {
          "ts-expect-error": "allow-with-description",
          "ts-ignore": true,
          "ts-nocheck": true,
          "ts-check": false,
          minimumDescriptionLength: 10,
        },
      ],
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
        },
      ],
      // A disable comment must say why: `// eslint-disable-next-line some-rule -- reason`.
      "@eslint-community/eslint-comments/require-description": "error",
      "@eslint-community/eslint-comments/disable-enable-pair": ["error", { allowWholeFile: true }],
    },
  },
  {
    // test/db and test/jobs name their node:test fixtures useTempDatabase/useJobsEnvironment; they
    // are not React hooks, and no React component is rendered under test/.
    files: ["test/**/*.ts"],
    rules: {
      "react-hooks/rules-of-hooks": "off",
    },
  },
);
