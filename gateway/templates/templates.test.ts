// Mapping templates against the examples of the Amazon API Gateway Developer
// Guide ("Variables for data transformations", "Examples using variables for
// mapping template transformations", the PetStore tutorial), with the outputs
// the guide documents, and the JVM's string rules where the guide names them.

import { describe, expect, it } from "vitest";

import { isDefinitePath, selectJson } from "./jsonpath";
import { TemplateError } from "./template-error";
import { escapeJavaScript, javaString, urlDecode, urlEncode } from "./util";
import { templateVariables, type TemplateInput } from "./variables";
import { compileTemplate, MAX_FOREACH_ITERATIONS } from "./velocity";

function request(overrides: Partial<TemplateInput> = {}): TemplateInput {
  return {
    body: "",
    params: { path: {}, querystring: {}, header: {} },
    context: { stage: "prod", requestId: "abcdefg-000-000-0000-abcdefg", apiId: "abcd1234", httpMethod: "GET", resourcePath: "/" },
    stageVariables: {},
    ...overrides,
  };
}

function render(template: string, input: Partial<TemplateInput> = {}): string {
  return compileTemplate(template).render(templateVariables(request(input)));
}

describe("the developer guide's examples", () => {
  it("maps $context variables into the payload (example 1)", () => {
    const out = render(
      '{ "stage" : "$context.stage", "request_id" : "$context.requestId", "api_id" : "$context.apiId", "http_method" : "$context.httpMethod" }',
    );
    expect(JSON.parse(out)).toEqual({ stage: "prod", request_id: "abcdefg-000-000-0000-abcdefg", api_id: "abcd1234", http_method: "GET" });
  });

  it("passes every request parameter through as JSON (example 2)", () => {
    const template = `#set($allParams = $input.params())
{
  "params" : {
    #foreach($type in $allParams.keySet())
    #set($params = $allParams.get($type))
    "$type" : {
      #foreach($paramName in $params.keySet())
      "$paramName" : "$util.escapeJavaScript($params.get($paramName))"
      #if($foreach.hasNext),#end
      #end
    }
    #if($foreach.hasNext),#end
    #end
  }
}`;
    const out = render(template, { params: { path: { id: "7" }, querystring: { q: 'say "hi"' }, header: { Accept: "application/json" } } });
    expect(JSON.parse(out)).toEqual({
      params: { path: { id: "7" }, querystring: { q: 'say "hi"' }, header: { Accept: "application/json" } },
    });
  });

  it("reads a query parameter and embeds the whole body with $input.json('$')", () => {
    const out = render('{ "name" : "$input.params(\'name\')", "body" : $input.json(\'$\') }', {
      body: '{"mykey": {"a": [1, 2]}}',
      params: { path: {}, querystring: { name: "Ana" }, header: {} },
    });
    expect(JSON.parse(out)).toEqual({ name: "Ana", body: { mykey: { a: [1, 2] } } });
  });

  it("counts with $input.path(...).size() and reads a path parameter (the things example)", () => {
    const out = render(
      '{ "id" : "$input.params(\'id\')", "count" : "$input.path(\'$.things\').size()", "things" : $input.json(\'$.things\') }',
      {
        body: '{ "things" : { "1" : {}, "2" : {}, "3" : {} } }',
        params: { path: { id: "abc" }, querystring: {}, header: {} },
      },
    );
    expect(JSON.parse(out)).toEqual({ id: "abc", count: "3", things: { "1": {}, "2": {}, "3": {} } });
  });

  it("reshapes the PetStore list with #foreach over $input.path('$')", () => {
    const template = `#set($inputRoot = $input.path('$'))
[
#foreach($elem in $inputRoot)
  {
    "description" : "Item $elem.id is a $elem.type.",
    "askingPrice" : $elem.price
  }#if($foreach.hasNext),#end

#end
]`;
    const body = JSON.stringify([
      { id: 1, type: "dog", price: 249.99 },
      { id: 2, type: "cat", price: 124.99 },
      { id: 3, type: "fish", price: 0.99 },
    ]);
    expect(JSON.parse(render(template, { body }))).toEqual([
      { description: "Item 1 is a dog.", askingPrice: 249.99 },
      { description: "Item 2 is a cat.", askingPrice: 124.99 },
      { description: "Item 3 is a fish.", askingPrice: 0.99 },
    ]);
  });

  it("walks a string that holds JSON with $util.parseJson", () => {
    const template = `#set ($errorMessageObj = $util.parseJson($input.path('$.errorMessage')))
{ "errorMessageObjKey2ArrVal" : $errorMessageObj.key2.arr[0] }`;
    const body = JSON.stringify({ errorMessage: JSON.stringify({ key1: "var1", key2: { arr: [1, 2, 3] } }) });
    expect(JSON.parse(render(template, { body }))).toEqual({ errorMessageObjKey2ArrVal: 1 });
  });

  it("escapes single quotes, which JSON does not allow, and the guide's replaceAll undoes it", () => {
    expect(render(`"$util.escapeJavaScript($input.params('q'))"`, { params: { path: {}, querystring: { q: "it's" }, header: {} } })).toBe(
      `"it\\'s"`,
    );
    const fixed = render(`"$util.escapeJavaScript($input.params('q')).replaceAll("\\\\'","'")"`, {
      params: { path: {}, querystring: { q: "it's" }, header: {} },
    });
    expect(JSON.parse(fixed)).toBe("it's");
  });

  it("reads stage variables by name and by index", () => {
    expect(render("$stageVariables.backend ${stageVariables['backend']}", { stageVariables: { backend: "v2" } })).toBe("v2 v2");
  });
});

describe("$input", () => {
  it("gives an empty payload as {} to $input.body, $input.json('$') and $input.path('$')", () => {
    expect(render("$input.body|$input.json('$')|$input.path('$').size()")).toBe("{}|{}|0");
  });

  it("prints maps and lists the way the JVM does, and a missing selection as nothing", () => {
    const body = '{"a": {"b": 1, "c": [true, "x"]}}';
    expect(render("$input.path('$.a')|$input.path('$.missing')|$input.json('$.missing')", { body })).toBe('{b=1, c=[true, x]}||""');
  });

  it("selects lists with indefinite paths (filters, wildcards, deep scans)", () => {
    const body = '{"pets": [{"id": 1, "price": 5}, {"id": 2, "price": 50}]}';
    expect(render("$input.json('$.pets[?(@.price > 10)].id')|$input.json('$..id')|$input.json('$.pets[0].id')", { body })).toBe(
      "[2]|[1,2]|1",
    );
  });

  it("searches path, then query string, then headers for $input.params(name), headers case-insensitively", () => {
    const params = { path: { id: "p" }, querystring: { id: "q", only: "q" }, header: { "X-Trace": "h" } };
    expect(render("$input.params('id') $input.params('only') $input.params('x-trace') [$input.params('none')]", { params })).toBe(
      "p q h []",
    );
  });

  it("hands a payload that is not JSON to $input.body and $input.path('$') as text, and refuses other paths", () => {
    expect(render("$input.body|$input.path('$')", { body: "<a/>" })).toBe("<a/>|<a/>");
    expect(() => render("$input.json('$.a')", { body: "<a/>" })).toThrow(/payload is not JSON/);
  });
});

describe("Java methods templates call", () => {
  it("on strings, maps and lists", () => {
    const body = '{"s": "Hello World", "m": {"k": 1}, "l": [1, 2], "e": []}';
    const template = [
      "#set($s = $input.path('$.s'))#set($m = $input.path('$.m'))#set($l = $input.path('$.l'))",
      "$s.length() $s.isEmpty() $s.contains('World') $s.replaceAll('o', '0') $s.replace('l', 'L') $s.matches('H.*d') $s.toLowerCase() $s.substring(6)",
      "$m.containsKey('k') $m.containsKey('z') $m.isEmpty() $m.values()",
      "$l.contains(2) $l.size() $input.path('$.e').isEmpty() $l.get(1)",
    ].join("\n");
    expect(render(template, { body }).split("\n")).toEqual([
      "11 false true Hell0 W0rld HeLLo WorLd true hello world World",
      "true false false [1]",
      "true 2 true 2",
    ]);
  });
});

describe("$util", () => {
  it("escapes as Apache Commons Lang's escapeJavaScript", () => {
    expect(escapeJavaScript(`a"b'c\\d/e\n\tf`)).toBe(`a\\"b\\'c\\\\d\\/e\\n\\tf`);
    expect(escapeJavaScript("é€\u0001")).toBe("\\u00E9\\u20AC\\u0001");
    expect(escapeJavaScript(null)).toBe("");
  });

  it("URL-encodes as java.net.URLEncoder (space as +, * kept, ~ ! ' ( ) encoded) and decodes back", () => {
    expect(urlEncode("a b*c~d!e'(f)é&=")).toBe("a+b*c%7Ed%21e%27%28f%29%C3%A9%26%3D");
    expect(urlDecode("a+b%26c")).toBe("a b&c");
    expect(() => urlDecode("%E0%A4%A")).toThrow(TemplateError);
  });

  it("encodes and decodes base64 over UTF-8", () => {
    expect(render("$util.base64Encode('héllo')|$util.base64Decode('aMOpbGxv')")).toBe("aMOpbGxv|héllo");
  });

  it("prints values as the JVM does", () => {
    expect(javaString({ a: [1, { b: null }], c: "x" })).toBe("{a=[1, {b=null}], c=x}");
  });
});

describe("compiling and limits", () => {
  it("refuses a template that does not parse, with its line and column", () => {
    try {
      compileTemplate('{\n  "a": #if($x\n}');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateError);
      expect((error as TemplateError).line).toBe(2);
      expect((error as TemplateError).message).toMatch(/does not parse at line 2, column \d+/);
    }
  });

  it("refuses a block left open and an #end too many, naming where", () => {
    expect(() => compileTemplate('{\n  #foreach($x in $list) "$x"\n}')).toThrow("#foreach at line 2, column 3 has no #end");
    expect(() => compileTemplate("#if($a) a #end\n#end")).toThrow("#end at line 2, column 1 closes no #if, #foreach, #macro or #define");
    // Comments, escaped and unparsed sections are not directives.
    expect(() => compileTemplate("## #if(\n#* #foreach( *#\\#end #[[ #if( ]]#")).not.toThrow();
  });

  it(`stops a #foreach after ${MAX_FOREACH_ITERATIONS} iterations, as API Gateway does`, () => {
    const body = JSON.stringify(Array.from({ length: MAX_FOREACH_ITERATIONS + 1 }, (_, i) => i));
    expect(
      render("#foreach($i in $input.path('$'))#end", { body: JSON.stringify(Array.from({ length: MAX_FOREACH_ITERATIONS }, (_, i) => i)) }),
    ).toBe("");
    expect(() => render("#foreach($i in $input.path('$'))$i#end", { body })).toThrow(
      `#foreach ran more than ${MAX_FOREACH_ITERATIONS} iterations`,
    );
  });

  it("stops runaway recursion", () => {
    expect(() => render("#macro(loop)#loop()#end#loop()")).toThrow(TemplateError);
  });

  it("renders the same compiled template many times without state leaking between renderings", () => {
    const template = compileTemplate("#set($n = $input.params('n'))#foreach($i in [1..3])$n#end");
    const one = template.render(templateVariables(request({ params: { path: {}, querystring: { n: "a" }, header: {} } })));
    const two = template.render(templateVariables(request({ params: { path: {}, querystring: { n: "b" }, header: {} } })));
    expect([one, two]).toEqual(["aaa", "bbb"]);
  });

  it("starts each rendering afresh after a #stop, a #break, a failure or a loop's locals", () => {
    const vars = (n: string) => templateVariables(request({ params: { path: {}, querystring: { n }, header: {} } }));
    const stopping = compileTemplate("a#if($input.params('n') == 'stop')#stop()#end b");
    expect([stopping.render(vars("stop")), stopping.render(vars("go"))]).toEqual(["a", "a b"]);
    const breaking = compileTemplate("#foreach($i in [1..3])$i#if($input.params('n') == 'break')#break#end#end;$!i");
    expect([breaking.render(vars("break")), breaking.render(vars("go"))]).toEqual(["1;", "123;"]);
    const failing = compileTemplate("#foreach($i in [1..2])$util.parseJson($input.params('n')).a#end");
    expect(() => failing.render(vars("{"))).toThrow(TemplateError);
    expect(failing.render(vars('{"a":1}'))).toBe("11");
    const setting = compileTemplate("$!x#set($x = $input.params('n'))$x");
    expect([setting.render(vars("p")), setting.render(vars("q"))]).toEqual(["p", "q"]);
  });

  it("evaluates double-quoted strings with references on every rendering, with that rendering's values", () => {
    const template = compileTemplate(`#set($greeting = "hello $input.params('n')")$greeting $input.json("$.a")`);
    const render = (n: string, body: string) =>
      template.render(templateVariables(request({ body, params: { path: {}, querystring: { n }, header: {} } })));
    expect(render("ann", '{"a":1}')).toBe("hello ann 1");
    expect(render("bob", '{"a":[2]}')).toBe("hello bob [2]");
  });

  it("calls the objects' own methods, Java's string methods and velocityjs's accessors alike", () => {
    const template = compileTemplate(
      "#set($m = $util.parseJson($input.body))$m.name.toUpperCase() $m.name.length() $m.get('name') $m.keySet().size() $m.getName() $m.isMissing()|",
    );
    expect(template.render(templateVariables(request({ body: '{"name":"ann","x":1}' })))).toBe("ANN 3 ann 2 ann |");
  });
});

describe("JSONPath", () => {
  it("tells definite from indefinite paths", () => {
    expect(["$", "$.a.b", "$['a'][0]", "$.a[2].b"].map(isDefinitePath)).toEqual([true, true, true, true]);
    expect(["$..a", "$.a[*]", "$.a[?(@.x)]", "$.a[0,1]", "$.a[0:2]"].map(isDefinitePath)).toEqual([false, false, false, false, false]);
  });

  it("selects one value or nothing on a definite path, a list on an indefinite one", () => {
    expect(selectJson({ a: { b: 0 } }, "$.a.b")).toBe(0);
    expect(selectJson({ a: {} }, "$.a.b")).toBeUndefined();
    expect(selectJson({ a: [] }, "$.a[*]")).toEqual([]);
  });
});
