"""The Python code the report's templates compile to: Jinja's, with four
changes that leave every page the same but cost less on a large one.

A page of ten thousand commitments reads half a million attributes, looks
up some fifty thousand badges and outputs nearly half a million values:

- `a.b` is Python's attribute access, where Jinja calls `environment.getattr`
  (which tries an item when there is no attribute). The templates read only
  named tuples, classes with slots, loops and a few plain values, whose
  attributes are attributes.
- `a[b]` is Python's subscript, where Jinja calls `environment.getitem`
  (which tries an attribute when there is no item, and gives an undefined
  value for a missing key). The templates look up only the mappings of
  fragments rendered once, which render a missing key on first use.
- A run of text between two statements that are not output is yielded as
  one string, joined from a tuple, rather than a piece at a time: each piece
  yielded is a round trip into the render function and one more piece for
  the page's join. An `{% if %}` that only outputs text is part of the run,
  as a conditional expression, and so is a `{% for %}` within a loop that
  only outputs text, as a list comprehension: a commitment's section, its
  history and evidence included, is one string. The page's own loops still
  yield a piece per row, so that it is written as it is made.
- A value that is a plain string, nearly every one, is escaped by a call of
  the C escape (`escape_text`), without a Python function in between, and a
  fragment already rendered (`Markup`, as `escape` leaves it) is output as it
  is; any other value goes to `escape` as before. `escape` and `escape_text`
  are bound by the report (`html_report`) in the compiled template's
  namespace; `Markup` is Jinja's own import there.
"""

from __future__ import annotations

import keyword
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, CompilerExit, Frame, find_undeclared
from jinja2.idtracking import VAR_LOAD_PARAMETER


def _identifier(name: str) -> bool:
    return name.isidentifier() and not keyword.iskeyword(name)


_LOOP = ("loop",)


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

    def blockvisit(self, body: Iterable[nodes.Node], frame: Frame) -> None:
        if not self._joins(frame):
            super().blockvisit(body, frame)
            return
        try:
            self.writeline("pass")
            run: list[nodes.Node] = []
            for node in body:
                if self._pure(node, frame):
                    run.append(node)
                    continue
                self._yield_run(run, frame)
                run = []
                self.visit(node, frame)
            self._yield_run(run, frame)
        except CompilerExit:
            pass

    def _joins(self, frame: Frame) -> bool:
        """Whether outputs in `frame` may be joined before they are yielded:
        within a macro (a buffer) Jinja already adds the pieces at once; an
        output that may be skipped for a parent template is left as it is."""
        return not (
            self.environment.is_async
            or frame.buffer is not None
            or frame.require_output_check
        )

    def _pure(self, node: nodes.Node, frame: Frame) -> bool:
        """Whether `node` only outputs text, so that it can be one expression:
        an output, a condition whose branches only output text, or a loop
        within a loop (see `_loop_frame`) whose body only outputs text."""
        if isinstance(node, nodes.Output):
            return True
        if isinstance(node, nodes.If):
            soft = frame.soft()
            return all(self._pure(n, soft) for body in _branches(node) for n in body)
        if isinstance(node, nodes.For):
            return self._loop_frame(node, frame) is not None
        return False

    def _loop_frame(self, node: nodes.For, frame: Frame) -> Frame | None:
        """The frame of a loop that can be a list comprehension, else None.

        Only a loop within a loop: the page's own loops yield a piece per
        row, so that it is written as it is made. The loop has no `else`,
        filter or recursion, reads no `loop` variable and calls nothing (a
        call passes the loop's variables), and its body reads only names
        bound outside it, so it needs no statement before its first row."""
        if (
            frame.toplevel
            or node.recursive
            or node.else_
            or node.test is not None
            or any(True for _ in node.find_all(nodes.Call))
            or any(True for _ in node.find_all(nodes.Block))
            or "loop" in find_undeclared(node.iter_child_nodes(only=("body",)), _LOOP)
        ):
            return None
        loop_frame = frame.inner()
        loop_frame.loop_frame = True
        loop_frame.symbols.analyze_node(node, for_branch="body")
        if any(
            action != VAR_LOAD_PARAMETER
            for action, _ in loop_frame.symbols.loads.values()
        ):
            return None
        if not all(self._pure(n, loop_frame) for n in node.body):
            return None
        return loop_frame

    def _yield_run(self, run: Sequence[nodes.Node], frame: Frame) -> None:
        """Yield the text of a run of outputs, conditions and inner loops as
        one string."""
        if not run:
            return
        if len(run) == 1 and isinstance(run[0], nodes.Output):
            self.visit_Output(run[0], frame)
            return
        self.writeline("yield ")
        self._write_joined(run, frame)

    def _write_joined(self, run: Sequence[nodes.Node], frame: Frame) -> None:
        """The pieces of `run` joined, a line each."""
        # A list display, not a tuple: a condition's pieces are spread into
        # it (see `_write_spread`), which a tuple display would copy again.
        self.write("''.join([")
        self.indent()
        self._write_pieces(run, frame)
        self.outdent()
        self.writeline("])")

    def _pieces(
        self, run: Sequence[nodes.Node], frame: Frame
    ) -> list[list[Any] | nodes.Node]:
        """A run's pieces: text known when compiling (runs of it joined),
        expressions to output, conditions and loops."""
        finalize = self._make_finalize()
        pieces: list[list[Any] | nodes.Node] = []
        for node in run:
            items = (
                self._output_body(node, frame, finalize)
                if isinstance(node, nodes.Output)
                else [node]
            )
            for item in items:
                if isinstance(item, list) and pieces and isinstance(pieces[-1], list):
                    pieces[-1] = pieces[-1] + item
                else:
                    pieces.append(item)
        return pieces

    def _write_pieces(self, run: Sequence[nodes.Node], frame: Frame) -> None:
        """Each piece of a run, an expression and a comma a line."""
        finalize = self._make_finalize()
        for item in self._pieces(run, frame):
            self._write_piece(item, frame, finalize)
            self.write(",")

    def _write_piece(
        self, item: list[Any] | nodes.Node, frame: Frame, finalize: Any
    ) -> None:
        if isinstance(item, list):
            self.writeline(self._output_const_repr(item))
            return
        self.newline(item)
        if isinstance(item, nodes.If) and self._spreads(item, frame):
            self._write_spread(item, frame)
        elif isinstance(item, nodes.If):
            self._write_condition(item, frame)
        elif isinstance(item, nodes.For):
            self._write_loop(item, frame)
        else:
            assert isinstance(item, nodes.Expr)
            self._output_child_pre(item, frame, finalize)
            self.visit(item, frame)
            self._output_child_post(item, frame, finalize)

    def _write_condition(self, node: nodes.If, frame: Frame) -> None:
        """An `{% if %}` of outputs as one expression: each branch's text if
        its test holds, in order, else the `{% else %}`'s text or none. The
        tests run in the same order, and only the chosen branch's values are
        read, as in Jinja's statements."""
        self._write_branches(node, frame, "(", self._write_text)

    def _spreads(self, node: nodes.If, frame: Frame) -> bool:
        """Whether a branch of `node` has more than one piece: its pieces are
        then spread into the enclosing join rather than joined first."""
        if_frame = frame.soft()
        return any(len(self._pieces(body, if_frame)) > 1 for body in _branches(node))

    def _write_spread(self, node: nodes.If, frame: Frame) -> None:
        """An `{% if %}` of outputs as the pieces of the branch whose test
        holds, spread into the enclosing list: `*((a, b) if t else (c,))`.
        Tests and values are read as in `_write_condition`."""
        self._write_branches(node, frame, "*(", self._write_tuple)

    def _write_branches(
        self,
        node: nodes.If,
        frame: Frame,
        opening: str,
        write_body: Callable[[Sequence[nodes.Node], Frame], None],
    ) -> None:
        """`opening`, then each branch's body as `write_body` writes it if
        its test holds, in order, else the `{% else %}`'s body, and `)`."""
        if_frame = frame.soft()
        self.write(opening)
        for branch in (node, *node.elif_):
            write_body(branch.body, if_frame)
            self.write(" if ")
            self.visit(branch.test, if_frame)
            self.write(" else ")
        write_body(node.else_, if_frame)
        self.write(")")

    def _write_tuple(self, body: Sequence[nodes.Node], frame: Frame) -> None:
        self.write("(")
        self.indent()
        self._write_pieces(body, frame)
        self.outdent()
        self.writeline(")")

    def _write_loop(self, node: nodes.For, frame: Frame) -> None:
        """A loop within a loop as the join of a list comprehension: its
        variables are the comprehension's, as Jinja's leave them unset."""
        loop_frame = self._loop_frame(node, frame)
        assert loop_frame is not None
        self.write("''.join([")
        self._write_text(node.body, loop_frame)
        self.write(" for ")
        self.visit(node.target, loop_frame)
        self.write(" in ")
        self.visit(node.iter, frame)
        self.write("])")

    def _write_text(self, body: Sequence[nodes.Node], frame: Frame) -> None:
        """The text of pure `body` as one expression."""
        pieces = self._pieces(body, frame)
        if not pieces:
            self.write("''")
            return
        if len(pieces) == 1 and isinstance(pieces[0], list):
            self.write(self._output_const_repr(pieces[0]))
            return
        if len(pieces) == 1:  # one value: the text it outputs, as it is
            self._write_piece(pieces[0], frame, self._make_finalize())
            return
        self._write_joined(body, frame)

    def visit_Output(self, node: nodes.Output, frame: Frame) -> None:
        if not self._joins(frame):
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
            self._write_piece(item, frame, finalize)
            self.write(",")
        self.outdent()
        self.writeline("))")

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if not self._plain_escape(frame, finalize):
            super()._output_child_pre(node, frame, finalize)
            return
        # The value is named once (`_v`) and tested for being a str, or a
        # fragment rendered once (Markup), which is output as it is. Its type
        # is asked again, rather than kept, for the few values not a str.
        self.write("(escape_text(_v) if type(_v := ")

    def _output_child_post(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if not self._plain_escape(frame, finalize):
            super()._output_child_post(node, frame, finalize)
            return
        self.write(") is str else _v if type(_v) is Markup else escape(_v))")

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


def _branches(node: nodes.If) -> list[list[nodes.Node]]:
    """The bodies of an `{% if %}`: its own, its `{% else %}`'s, each `{% elif %}`'s."""
    return [node.body, node.else_, *(e.body for e in node.elif_)]
