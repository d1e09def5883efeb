"""The Python code the report's templates compile to: Jinja's, with four
changes that leave every page the same but cost less on a large one.

A page of ten thousand commitments reads half a million attributes, looks
up some fifty thousand badges and yields nearly a million pieces of text:

- `a.b` is Python's attribute access, where Jinja calls `environment.getattr`
  (which tries an item when there is no attribute). The templates read only
  named tuples, loops and a few plain values, whose attributes are attributes.
- `a[b]` is Python's subscript, where Jinja calls `environment.getitem`
  (which tries an attribute when there is no item, and gives an undefined
  value for a missing key). The templates look up only the mappings of
  fragments rendered once, which render a missing key on first use.
- The pieces of text between two tags are yielded as one string, joined
  from a tuple, rather than one at a time: each piece yielded is a round
  trip into the render function and one more piece for the page's join.
- A value that is a plain string, nearly every one, is escaped by a call of
  the C escape (`escape_text`), without a Python function in between, and a
  fragment already rendered (`Markup`, as `escape` leaves it) is output as it
  is; any other value goes to `escape` as before. `escape` and `escape_text`
  are bound by the report (`html_report`) in the compiled template's
  namespace; `Markup` is Jinja's own import there.
"""

from __future__ import annotations

import keyword
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame


def _identifier(name: str) -> bool:
    return name.isidentifier() and not keyword.iskeyword(name)


class ReportCodeGenerator(CodeGenerator):
    """Jinja's code generator, but for the four changes above."""

    def visit_Getattr(self, node: nodes.Getattr, frame: Frame) -> None:
        if self.environment.is_async or not _identifier(node.attr):
            super().visit_Getattr(node, frame)
            return
        self.write("(")
        self.visit(node.node, frame)
        self.write(f").{node.attr}")

    def visit_Getitem(self, node: nodes.Getitem, frame: Frame) -> None:
        if self.environment.is_async or isinstance(node.arg, nodes.Slice):
            super().visit_Getitem(node, frame)
            return
        self.write("(")
        self.visit(node.node, frame)
        self.write(")[")
        self.visit(node.arg, frame)
        self.write("]")

    def visit_Output(self, node: nodes.Output, frame: Frame) -> None:
        # Within a macro (a buffer) Jinja already adds the pieces at once; an
        # output that may be skipped for a parent template is left as it is.
        if frame.buffer is not None or frame.require_output_check:
            super().visit_Output(node, frame)
            return
        finalize = self._make_finalize()
        body = self._output_body(node, frame, finalize)
        if len(body) < 2:
            super().visit_Output(node, frame)
            return
        # A plain str.join: the pieces are already escaped (Markup.join
        # would escape them again), and the page is joined the same way.
        self.writeline("yield ''.join((")
        self.indent()
        for item in body:
            if isinstance(item, list):
                self.writeline(self._output_const_repr(item) + ",")
            else:
                self.newline(item)
                self._output_child_pre(item, frame, finalize)
                self.visit(item, frame)
                self._output_child_post(item, frame, finalize)
                self.write(",")
        self.outdent()
        self.writeline("))")

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if not self._plain_escape(frame, finalize):
            super()._output_child_pre(node, frame, finalize)
            return
        # The value is named once (`_v`) and tested for being a str, or a
        # fragment rendered once (Markup), which is output as it is.
        self.write("(escape_text(_v) if (_t := type(_v := ")

    def _output_child_post(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if not self._plain_escape(frame, finalize):
            super()._output_child_post(node, frame, finalize)
            return
        self.write(")) is str else _v if _t is Markup else escape(_v))")

    @staticmethod
    def _plain_escape(frame: Frame, finalize: Any) -> bool:
        """Whether an output is escaped, always, and nothing else."""
        eval_ctx = frame.eval_ctx
        return not eval_ctx.volatile and eval_ctx.autoescape and finalize.src is None

    def _output_body(
        self, node: nodes.Output, frame: Frame, finalize: Any
    ) -> list[list[Any] | nodes.Expr]:
        """The output's pieces as Jinja's `visit_Output` groups them: runs of
        text known when compiling, and expressions to evaluate."""
        body: list[list[Any] | nodes.Expr] = []
        for child in node.nodes:
            try:
                if not (finalize.const or isinstance(child, nodes.TemplateData)):
                    raise nodes.Impossible()
                const = self._output_child_to_const(child, frame, finalize)
            except (nodes.Impossible, Exception):
                body.append(child)
                continue
            last = body[-1] if body else None
            if isinstance(last, list):
                last.append(const)
            else:
                body.append([const])
        return body
