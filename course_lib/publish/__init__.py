"""Publishing the course: the command line, the student decks, the website.

- ``cli``: ``python -m course_lib compare|slides|site``;
- ``lessons``: where the lessons are, their order, and the one rule for what students see;
- ``decks``: offline reveal.js decks; ``site``: the offline website (Sphinx);
- ``vendor``: the pinned npm packages (reveal.js, MathJax) both copy beside their pages;
- ``templates/deck``: the decks' nbconvert template.

None of it is imported by ``import course_lib``: nbconvert, Sphinx and the network are needed
only to publish.
"""
