# The catalog as a container: SQLite under /data by default, or PostgreSQL through
# OPENDATA_DATABASE_URL. Content (datasets/) is loaded on first start.
FROM python:3.11-slim

WORKDIR /app
COPY pyproject.toml README.md ./
COPY catalog ./catalog
COPY app ./app
COPY harvesters ./harvesters
RUN pip install --no-cache-dir .
COPY datasets ./datasets

ENV OPENDATA_DATA_DIR=/data
VOLUME ["/data"]
EXPOSE 8000
CMD ["opendata", "serve", "--host", "0.0.0.0", "--port", "8000"]
