// ESLint guards the design's boundaries (docs: DESIGN.md "Layout"); Prettier owns formatting.
//
//   addin → schemas ← worker      schemas imports neither; addin and worker never import each other
//   Office.js only in addin/excel  every other layer talks to the workbook through the ports in addin/sheet
//   no import cycles
//
// Inside addin/ the layers point one way as well (an arrow = "may import"):
//   sheet → schemas;  sync → schemas;  memory → sheet;  ui/sessions → sheet, sync;
//   ui/views → ui/sessions;  excel and preview wire them up (the only places that know Office.js
//   or the preview's DOM, respectively).
import js from "@eslint/js";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

const OFFICE_GLOBALS = ["Excel", "Office", "OfficeExtension", "OfficeRuntime"].map((name) => ({
  name,
  message: "Office.js is reached only through addin/excel (the adapters behind the ports in addin/sheet).",
}));

/** `Excel.Range`, `Office.Context` … in a type: the ambient namespaces, outside the adapter. */
const OFFICE_TYPES = {
  selector: "TSQualifiedName > Identifier.left[name=/^(Excel|Office|OfficeExtension|OfficeRuntime)$/]",
  message: "Office.js types stay in addin/excel: the other layers speak the ports of addin/sheet.",
};

/** The page's DOM belongs to the views, the preview page and the task pane entry. */
const DOM_GLOBALS = ["document", "window", "HTMLElement", "Element", "Event"].map((name) => ({
  name,
  message: "No DOM here: state lives in sessions, pure layout in schemas and addin/sheet; views draw it.",
}));

/** `import-x/no-restricted-paths` zone: files under `target` may not import files under `from`. */
const zone = (target, from, message) => ({ target, from, message });

const LAYERS = [
  zone(
    "./schemas",
    ["./addin", "./worker", "./scripts", "./test", "./bench"],
    "schemas/ is the shared, pure vocabulary: it imports neither the add-in nor the Worker.",
  ),
  zone("./worker", ["./addin"], "The Worker never imports the add-in; shared code lives in schemas/."),
  zone("./addin", ["./worker"], "The add-in never imports the Worker; shared code lives in schemas/."),
  zone(
    "./addin/sheet",
    ["./addin/excel", "./addin/memory", "./addin/preview", "./addin/ui", "./addin/sync"],
    "addin/sheet is pure: what goes where, plans and ports.",
  ),
  zone(
    "./addin/sync",
    ["./addin/excel", "./addin/memory", "./addin/preview", "./addin/ui", "./addin/sheet"],
    "addin/sync talks to the API; it knows no workbook and no view.",
  ),
  zone(
    "./addin/memory",
    ["./addin/excel", "./addin/preview", "./addin/ui", "./addin/sync"],
    "addin/memory implements the ports of addin/sheet in memory.",
  ),
  zone(
    "./addin/ui/sessions",
    ["./addin/excel", "./addin/memory", "./addin/preview", "./addin/ui/views"],
    "Sessions hold state: no DOM views, no concrete workbook.",
  ),
  zone(
    "./addin/ui/views",
    ["./addin/excel", "./addin/memory", "./addin/preview"],
    "Views draw a session; they never reach a concrete workbook.",
  ),
  zone(
    "./addin/excel",
    ["./addin/memory", "./addin/preview"],
    "The Office.js side does not use the preview's workbook or page.",
  ),
  zone("./addin/preview", ["./addin/excel"], "The preview runs without Office.js."),
  zone(
    "./addin/fill",
    ["./addin/excel", "./addin/memory", "./addin/preview"],
    "/fill.html runs in a plain browser, without Office.js or a workbook.",
  ),
];

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", ".wrangler/**", "**/*.d.ts"] },
  {
    files: ["**/*.ts"],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    plugins: { "import-x": importX },
    settings: {
      // Lets import-x parse the TypeScript files it follows (no-cycle walks them).
      "import-x/parsers": { "@typescript-eslint/parser": [".ts"] },
      "import-x/extensions": [".ts", ".js", ".mjs"],
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".js", ".mjs", ".json"] })],
    },
    rules: {
      "import-x/no-restricted-paths": ["error", { zones: LAYERS }],
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "no-restricted-globals": ["error", ...OFFICE_GLOBALS],
      "no-restricted-syntax": ["error", OFFICE_TYPES],
      // TypeScript checks these itself (and knows the ambient Office/Workers globals).
      "no-undef": "off",
      // zh-CN text is printed with the ideographic space U+3000 on purpose.
      "no-irregular-whitespace": [
        "error",
        { skipStrings: true, skipTemplates: true, skipComments: true, skipRegExps: true },
      ],
      // A `let` read by a closure before its one assignment (the preview wires the grid before the app exists).
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
  {
    files: [
      "schemas/**/*.ts",
      "worker/**/*.ts",
      "addin/sheet/**/*.ts",
      "addin/sync/**/*.ts",
      "addin/memory/**/*.ts",
      "addin/ui/sessions/**/*.ts",
    ],
    rules: { "no-restricted-globals": ["error", ...OFFICE_GLOBALS, ...DOM_GLOBALS] },
  },
  {
    // Tests may read untyped answers (`api<any>`) the way a client would.
    files: ["test/**/*.ts", "bench/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // The adapter itself, its entry and the tests that drive it on a fake Excel.
    files: ["addin/excel/**/*.ts", "test/addin/excel/**/*.ts"],
    rules: { "no-restricted-globals": "off", "no-restricted-syntax": "off" },
  },
);
