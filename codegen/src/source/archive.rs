//! Reading a `.tar.gz` of a docs checkout into memory.

use std::collections::HashMap;
use std::io::Read;

/// Every regular file of a gzip-compressed tar archive, by path (leading `./` removed).
/// Files are kept whole in memory: the 2021 corpus is 47 MB uncompressed.
pub(super) fn read_tar_gz(bytes: &[u8]) -> Result<HashMap<String, Vec<u8>>, String> {
    let gz = flate2::read::GzDecoder::new(bytes);
    let mut archive = tar::Archive::new(gz);
    let mut files = HashMap::new();
    for entry in archive.entries().map_err(|e| e.to_string())? {
        let mut entry = entry.map_err(|e| e.to_string())?;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let path = entry.path().map_err(|e| e.to_string())?.to_string_lossy().replace('\\', "/");
        let path = path.trim_start_matches("./").to_string();
        // The header's size is only a hint: never trust it for an allocation.
        let mut data = Vec::with_capacity(entry.size().min(1 << 20) as usize);
        entry.read_to_end(&mut data).map_err(|e| format!("{path}: {e}"))?;
        files.insert(path, data);
    }
    Ok(files)
}
