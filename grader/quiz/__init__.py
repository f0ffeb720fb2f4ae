"""Quizzes: the question model (model), banks and keys and their scoring (bank), answer checking
and hashing (check), and students' answer files (answers)."""
