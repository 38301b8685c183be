//! A fake 8x8 Voice API on 127.0.0.1 for the tests: it answers by the last segment of
//! the path and records every request it receives. Nothing leaves the machine.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How the fake API answers one path.
#[derive(Clone)]
pub enum Reply {
    Json(u16, &'static str),
    Text(u16, &'static str),
    /// Accept the connection and say nothing (for as long as the server lives).
    Silence,
    /// Answer with JSON after a pause, as a slow API does.
    Late(Duration, u16, &'static str),
}

/// One request as the server received it.
#[derive(Clone, Debug)]
pub struct Received {
    pub method: String,
    pub path: String,
    pub headers: BTreeMap<String, String>,
    pub body: Vec<u8>,
}

/// The fake API: answers by the last segment of the path, records every request. Its
/// thread stops by itself after a minute at most, so a failed test leaves nothing behind.
pub struct FakeApi {
    pub base: String,
    received: Arc<Mutex<Vec<Received>>>,
}

impl FakeApi {
    pub fn start(routes: &[(&'static str, Reply)]) -> FakeApi {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let received = Arc::new(Mutex::new(Vec::new()));
        let routes: Vec<(&'static str, Reply)> = routes.to_vec();
        let record = received.clone();
        std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(60);
            while Instant::now() < deadline {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let routes = routes.clone();
                        let record = record.clone();
                        std::thread::spawn(move || serve(stream, &routes, &record));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        FakeApi { base, received }
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

fn serve(stream: TcpStream, routes: &[(&'static str, Reply)], record: &Mutex<Vec<Received>>) {
    stream.set_nonblocking(false).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("").to_owned();
    let path = parts.next().unwrap_or("").to_owned();
    let mut headers = BTreeMap::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
        }
    }
    let length: usize = headers
        .get("content-length")
        .and_then(|value| value.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    let _ = reader.read_exact(&mut body);
    record.lock().unwrap().push(Received {
        method,
        path: path.clone(),
        headers,
        body,
    });
    let last_segment = path.rsplit('/').next().unwrap_or("");
    let reply = routes
        .iter()
        .find(|(name, _)| *name == last_segment)
        .map(|(_, reply)| reply.clone())
        .unwrap_or(Reply::Text(404, "no such route"));
    let (status, content_type, body) = match reply {
        Reply::Json(status, body) => (status, "application/json", body),
        Reply::Text(status, body) => (status, "text/html", body),
        Reply::Late(pause, status, body) => {
            std::thread::sleep(pause);
            (status, "application/json", body)
        }
        Reply::Silence => {
            std::thread::sleep(Duration::from_secs(30));
            return;
        }
    };
    let mut stream = stream;
    let _ = write!(
        stream,
        "HTTP/1.1 {status} Whatever\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
}

/// Every file under `dir`, however deep.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}
