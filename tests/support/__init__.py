"""What the tests share: recorded numbers, the browser fixtures, figure and slide rules, claims."""
