// ESLint for the browser UI (static-ui/js): plain ES modules run by the browser as written, no
// build step. How to install and run it (from the repository root): static-ui/README.md#lint.
//
// eslint's recommended rules, plus rules for bugs they let through, plus a second guard beside
// gateway-war's StaticUiTest for the UI's security rule: data reaches the page as text, never as
// HTML or code (static-ui/README.md#security-rules).

import { fileURLToPath } from "node:url";
import js from "@eslint/js";
import globals from "globals";

/** The repository root: `files` below are relative to it, not to the directory eslint runs in. */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

const AS_TEXT = "put data into the page as text (textContent, attributes, dataset): static-ui/README.md#security-rules";

/** Browser globals that are also common local names: a forgotten declaration would silently use them. */
const CONFUSING_GLOBALS = ["event", "name", "status", "length", "origin", "parent", "top", "self", "opener", "closed", "close", "open", "find", "stop", "print", "screen", "external", "frames"];

/** The rules of every script of the UI. */
const UI = {
    basePath: ROOT,
    files: ["static-ui/js/**/*.js"],
    languageOptions: {
      // Syntax every current browser runs as written.
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.browser },
    },
    linterOptions: {
      reportUnusedDisableDirectives: "error",
    },
    rules: {
      ...js.configs.recommended.rules,

      // Bugs the recommended set does not catch.
      "no-undef": "error",
      "no-unused-vars": ["error", { args: "after-used", ignoreRestSiblings: true }],
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-implicit-globals": "error",
      "no-restricted-globals": ["error", ...CONFUSING_GLOBALS.map((name) => ({ name, message: `the browser's global \`${name}\`: declare a local one` }))],
      "array-callback-return": "error",
      "no-promise-executor-return": "error",
      "no-self-compare": "error",
      "no-template-curly-in-string": "error",
      "no-unmodified-loop-condition": "error",
      "no-unreachable-loop": "error",
      "no-constructor-return": "error",
      "no-alert": "error",

      // HTML and code from strings: what the Content-Security-Policy and StaticUiTest forbid.
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "no-script-url": "error",
      "no-restricted-properties": [
        "error",
        { property: "innerHTML", message: AS_TEXT },
        { property: "outerHTML", message: AS_TEXT },
        { property: "insertAdjacentHTML", message: AS_TEXT },
        { property: "setHTMLUnsafe", message: AS_TEXT },
        { property: "createContextualFragment", message: AS_TEXT },
        { property: "srcdoc", message: AS_TEXT },
        { object: "document", property: "write", message: AS_TEXT },
        { object: "document", property: "writeln", message: AS_TEXT },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='DOMParser']", message: AS_TEXT },
        { selector: "CallExpression[callee.property.name='parseHTMLUnsafe']", message: AS_TEXT },
      ],
    },
};

export default [
  UI,
  // widget.js runs on other sites' pages: a classic script (one tag, no module loading), same rules.
  { ...UI, files: ["static-ui/widget.js"], languageOptions: { ...UI.languageOptions, sourceType: "script" } },
];
