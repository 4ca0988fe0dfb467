"""The rules of «Маршрут»: pure Python, no aiogram, no SQLAlchemy."""
