#!/usr/bin/env python3
"""Runs the legacy tool's own clustering path, unchanged, from a checkout of its public repository
(github.com/StefHienfeld/VB_Converter): IngestionService (pandas) -> PreprocessingService -> ClusteringService
(leader loop, window 40, threshold 0.90, normalised threshold 0.85, length tolerance 0.2). Writes each data row's
cluster id, one per line in row order, so its grouping can be scored against the labels.

  /usr/bin/python3 bench/legacy/run_legacy.py --checkout <dir> --input <workbook.xlsx|.csv> --out <clusters.txt>

Needs Debian's python3-pandas, python3-openpyxl and python3-levenshtein. The legacy tool scores pairs with
rapidfuzz's fuzz.ratio; rapidfuzz is not packaged by Debian, so when it cannot be imported it is stood in for by
python-Levenshtein's ratio, the same normalised indel similarity (1 - indel distance / total length), times 100.
The package __init__ files, which import the tool's web and AI layers (pydantic, ...), are skipped: only the modules
of the clustering path are loaded.
"""
import argparse
import logging
import os
import sys
import types


def stand_in_for_rapidfuzz() -> None:
    try:
        import rapidfuzz  # noqa: F401
    except ImportError:
        import Levenshtein

        fuzz = types.SimpleNamespace(ratio=lambda a, b: Levenshtein.ratio(a, b) * 100.0)
        sys.modules['rapidfuzz'] = types.SimpleNamespace(fuzz=fuzz)


def load_clustering_path(checkout: str):
    for package in ('hienfeld', 'hienfeld.services', 'hienfeld.utils'):
        module = types.ModuleType(package)
        module.__path__ = [os.path.join(checkout, *package.split('.'))]
        sys.modules[package] = module
    sys.path.insert(0, checkout)
    from hienfeld.config import AppConfig
    from hienfeld.services.clustering_service import ClusteringService
    from hienfeld.services.ingestion_service import IngestionService
    from hienfeld.services.preprocessing_service import PreprocessingService

    return AppConfig, IngestionService, PreprocessingService, ClusteringService


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--checkout', required=True)
    parser.add_argument('--input', required=True)
    parser.add_argument('--out', required=True)
    args = parser.parse_args()
    logging.disable(logging.INFO)
    stand_in_for_rapidfuzz()
    AppConfig, IngestionService, PreprocessingService, ClusteringService = load_clustering_path(os.path.abspath(args.checkout))

    config = AppConfig()
    ingestion = IngestionService(config)
    with open(args.input, 'rb') as source:
        frame = ingestion.load_policy_file(source.read(), os.path.basename(args.input))
    text_column = ingestion.detect_text_column(frame)
    policy_column = ingestion.detect_policy_number_column(frame)
    clauses = PreprocessingService(config).dataframe_to_clauses(frame, text_column, policy_column, os.path.basename(args.input))
    _, cluster_of = ClusteringService(config).cluster_clauses(clauses)

    temp = f'{args.out}.{os.getpid()}.tmp'
    with open(temp, 'w', encoding='utf-8') as out:
        for clause in clauses:
            out.write(f'{cluster_of[clause.id]}\n')
    os.replace(temp, args.out)


if __name__ == '__main__':
    main()
